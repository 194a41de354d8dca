import path from 'node:path';
import type { MeetingRole } from '../../core/roles/permissions';
import { identityPaths } from '../identity/data-dir';
import {
  addMember,
  type AdminContext,
  hasCa,
  initCa,
  createMeeting,
  writeFileAtomic,
} from './operations';

/** The one password of every demo .p12 file; printed on the console and kept in demo/PASSWORD.txt. */
export const DEMO_PASSWORD = 'dienhong-demo';
export const DEMO_MEETING_ID = 'demo-ky-hop';

/** Six demo members with Vietnamese names: a chair, a secretary and four delegates. */
export const DEMO_MEMBERS: readonly {
  id: string;
  name: string;
  email: string;
  role: MeetingRole;
  file: string;
}[] = [
  {
    id: 'demo-chair',
    name: 'Trần Thị Hồng Nhung',
    email: 'nhung.tth@dienhong.example',
    role: 'chair',
    file: '1-chu-toa-tran-thi-hong-nhung.p12',
  },
  {
    id: 'demo-secretary',
    name: 'Nguyễn Tiến Sỹ',
    email: 'sy.nt@dienhong.example',
    role: 'secretary',
    file: '2-thu-ky-nguyen-tien-sy.p12',
  },
  {
    id: 'demo-delegate-1',
    name: 'Lê Văn Dũng',
    email: 'dung.lv@dienhong.example',
    role: 'delegate',
    file: '3-dai-bieu-le-van-dung.p12',
  },
  {
    id: 'demo-delegate-2',
    name: 'Phạm Thị Thu Hằng',
    email: 'hang.ptt@dienhong.example',
    role: 'delegate',
    file: '4-dai-bieu-pham-thi-thu-hang.p12',
  },
  {
    id: 'demo-delegate-3',
    name: 'Đặng Quốc Việt',
    email: 'viet.dq@dienhong.example',
    role: 'delegate',
    file: '5-dai-bieu-dang-quoc-viet.p12',
  },
  {
    id: 'demo-delegate-4',
    name: 'Vũ Thị Ngọc Ánh',
    email: 'anh.vtn@dienhong.example',
    role: 'delegate',
    file: '6-dai-bieu-vu-thi-ngoc-anh.p12',
  },
  {
    // The room's big screen: logs in like a member, shows the projector view, holds no ballot.
    id: 'demo-display',
    name: 'Màn hình phòng họp',
    email: 'man-hinh@dienhong.example',
    role: 'display',
    file: '7-man-hinh-phong-hop.p12',
  },
];

const ORGANISATION = 'Hội đồng nhân dân phường Diên Hồng';

function tomorrowAtEightInHanoi(now: Date): string {
  const day = new Date(now.getTime() + 7 * 3600_000 + 24 * 3600_000);
  const ymd = day.toISOString().slice(0, 10);
  return new Date(`${ymd}T08:00:00+07:00`).toISOString();
}

/**
 * First start of `npm start`: a demo CA, six members and the room's screen with their .p12
 * files, and a meeting with an agenda, so a newcomer can log in as anyone. Does nothing once a CA exists.
 * Returns the lines to tell the operator, or null when nothing was seeded.
 */
export async function seedDemo(ctx: AdminContext): Promise<string[] | null> {
  if (hasCa(ctx.dataDir)) return null;
  const ca = await initCa(ctx.dataDir, {
    commonName: 'Diên Hồng Demo CA',
    organisation: `${ORGANISATION} (demo)`,
    validDays: 3650,
  });
  const demoDir = identityPaths(ctx.dataDir).demoDir;
  for (const m of DEMO_MEMBERS) {
    const { p12 } = await addMember(ctx, ca, {
      id: m.id,
      name: m.name,
      email: m.email,
      organisation: ORGANISATION,
      password: DEMO_PASSWORD,
    });
    await writeFileAtomic(path.join(demoDir, m.file), p12, 0o600);
  }
  await writeFileAtomic(path.join(demoDir, 'PASSWORD.txt'), `${DEMO_PASSWORD}\n`, 0o600);
  await createMeeting(
    ctx,
    {
      title: 'Kỳ họp thứ Mười, Hội đồng nhân dân phường Diên Hồng',
      startsAt: tomorrowAtEightInHanoi(ctx.now ?? new Date()),
      location: 'Hội trường tầng 2, trụ sở UBND phường Diên Hồng',
      organisation: ORGANISATION,
      agenda: [
        'Khai mạc, thông qua chương trình kỳ họp',
        'Báo cáo tình hình kinh tế – xã hội năm 2026',
        'Tờ trình về dự toán ngân sách năm 2027',
        'Thảo luận và biểu quyết thông qua Nghị quyết',
        'Bế mạc kỳ họp',
      ],
    },
    DEMO_MEMBERS.map((m) => ({ memberId: m.id, role: m.role })),
    DEMO_MEETING_ID,
  );
  return [
    `demo data created: a CA, six members and the meeting "${DEMO_MEETING_ID}"`,
    `demo .p12 files: ${demoDir} (password: ${DEMO_PASSWORD})`,
    ...DEMO_MEMBERS.map((m) => `  ${m.role.padEnd(9)} ${m.name}  →  ${m.file}`),
  ];
}
