import { useTranslation } from 'react-i18next';
import { useFollow } from './FollowContext';
import { useItemHolding } from './FollowNavigator';

/**
 * On pages follow mode must not take away (the minutes the secretary is writing): a small bar
 * saying who is presenting what, and one click to go and follow. Renders nothing otherwise.
 */
export function PresentingBar({ onFollow }: { onFollow: (itemId: string) => void }) {
  const { t } = useTranslation();
  const follow = useFollow();
  const presenter = follow?.presenter;
  const item = useItemHolding(presenter?.documentSha256 ?? null);
  if (!follow || follow.isPresenter || !presenter?.memberId || !item) return null;
  return (
    <div className="follow-bar presenting-bar" role="status" data-testid="presenting-bar">
      <span className="follow-bar__state">
        {t('follow.presentingNow', { name: presenter.memberName ?? '', item: item.title })}
      </span>
      <button
        type="button"
        className="follow-bar__button follow-bar__button--primary"
        onClick={() => {
          follow.setFollowing(true);
          onFollow(item.id);
        }}
      >
        {t('follow.snapBack')}
      </button>
    </div>
  );
}
