/**
 * Serves the fixture portals until interrupted and prints their URLs:
 *   npm run build && node dist/demo/serve-fixtures.js [--anchor 2026-10-30T17:00:00+07:00] [portal-id …]
 */
import { startFixtureServer } from './fixture-server.js';
import { isoPortalDate } from './template-dates.js';

async function main(argv: string[]): Promise<void> {
  let anchor: Date | undefined;
  const ids: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--anchor') {
      const v = argv[++i];
      anchor = v ? new Date(v) : undefined;
      if (!anchor || Number.isNaN(anchor.getTime())) {
        process.stderr.write('--anchor cần một thời điểm ISO 8601 / needs an ISO 8601 instant, e.g. 2026-10-30T17:00:00+07:00\n');
        process.exit(2);
      }
    } else if (a === '--help' || a === '-h') {
      process.stdout.write('node dist/demo/serve-fixtures.js [--anchor ISO] [portal-id …]\n');
      return;
    } else ids.push(a);
  }
  const server = await startFixtureServer({ anchor, portals: ids.length > 0 ? ids : undefined });
  const when = anchor ? isoPortalDate(anchor) : 'đồng hồ hiện tại / the live clock';
  process.stdout.write(`Cổng thông tin mẫu / fixture portals (anchor: ${when})\n`);
  for (const p of server.portals) {
    process.stdout.write(`  ${p.url.padEnd(26)} ${p.id.padEnd(22)} ${p.level.padEnd(5)} ${p.platform.padEnd(12)} ${p.name}\n`);
  }
  process.stdout.write(`  ${server.deadUrl.padEnd(26)} (không phản hồi / refuses connections)\nCtrl+C để dừng / to stop.\n`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(3);
});
