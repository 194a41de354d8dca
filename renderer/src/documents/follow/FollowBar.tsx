import { useTranslation } from 'react-i18next';
import type { Follow } from './FollowContext';
import { PresenterHandover } from './PresenterHandover';

interface Props {
  follow: Follow;
  /** The viewer is following the presenter on this document. */
  tracking: boolean;
  documentSha256: string;
  onPresent: () => void;
  onStop: () => void;
  error: string | null;
  /** A follower uses their own zoom on the presenter's page. */
  ownZoom: boolean;
  onPresenterZoom: () => void;
}

/**
 * One line above the viewer: whom you follow (or "browse freely"), the snap-back button, and
 * for the presenter how many follow and who has detached.
 */
export function FollowBar({
  follow,
  tracking,
  documentSha256,
  onPresent,
  onStop,
  error,
  ownZoom,
  onPresenterZoom,
}: Props) {
  const { t } = useTranslation();
  const { presenter, isPresenter, mayPresent, following } = follow;
  const hasPresenter = presenter?.memberId != null && presenter.documentSha256 != null;
  const watchers = follow.peers;
  const followers = watchers.filter((p) => p.following);
  const detached = watchers.filter((p) => !p.following);
  return (
    <div className="follow-bar" data-testid="follow-bar">
      {isPresenter ? (
        <>
          <span className="follow-bar__state follow-bar__state--presenting">
            {t('follow.presenting')}
          </span>
          <span data-testid="follow-count">
            {t('follow.followers', { following: followers.length, total: watchers.length })}
          </span>
          {detached.length > 0 ? (
            <span className="follow-bar__detached" data-testid="follow-detached">
              {t('follow.detachedList', { names: detached.map((p) => p.name).join(', ') })}
            </span>
          ) : null}
          {presenter?.documentSha256 !== documentSha256 ? (
            <button type="button" className="follow-bar__button" onClick={onPresent}>
              {t('follow.present')}
            </button>
          ) : null}
          <button type="button" className="follow-bar__button" onClick={onStop}>
            {t('follow.stop')}
          </button>
        </>
      ) : (
        <>
          <span className="follow-bar__state" data-testid="follow-state">
            {!hasPresenter
              ? t('follow.noPresenter')
              : tracking || (following && presenter?.documentSha256 === documentSha256)
                ? t('follow.following', { name: presenter?.memberName ?? '' })
                : t('follow.detached')}
          </span>
          {hasPresenter && following ? (
            <button
              type="button"
              className="follow-bar__button"
              onClick={() => follow.setFollowing(false)}
            >
              {t('follow.detach')}
            </button>
          ) : null}
          {hasPresenter && !following ? (
            <button
              type="button"
              className="follow-bar__button follow-bar__button--primary"
              onClick={() => follow.setFollowing(true)}
            >
              {t('follow.snapBack')}
            </button>
          ) : null}
          {ownZoom ? (
            <button
              type="button"
              className="follow-bar__button"
              title={t('follow.ownZoom')}
              onClick={onPresenterZoom}
            >
              {t('follow.presenterZoom')}
            </button>
          ) : null}
          {mayPresent ? (
            <button type="button" className="follow-bar__button" onClick={onPresent}>
              {t('follow.present')}
            </button>
          ) : null}
        </>
      )}
      <PresenterHandover follow={follow} />
      {error ? (
        <span className="follow-bar__error" role="alert">
          {t('follow.error.generic')}
        </span>
      ) : null}
    </div>
  );
}
