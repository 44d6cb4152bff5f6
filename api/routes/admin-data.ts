/**
 * /api/admin/import and /api/admin/export. Import takes the raw file as the body:
 *   POST /api/admin/import?kind=stations|merchants&crs=wgs84|gcj02|bd09&dryRun=1&filename=x.csv
 * With dryRun it only reports (200, `ok` says whether the file could be imported); without, it
 * writes all or nothing — a file with any bad row is a 422 carrying the same per-row report.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { CRS_LIST } from '../../data/catalog';
import type { ImportFormat } from '../../data/import';
import { notCrossSite } from '../auth/request';
import type { AuthEnv } from '../auth/session';
import { importFile } from '../importer';
import { storeLocation } from '../store/open';
import { importOnWorker } from '../background';
import type { ImportJob } from '../background-worker';
import { auditEntry } from '../moderation/audit';
import { exportFile } from '../moderation/export';
import { previewImport } from '../moderation/import-preview';
import { problem, validate } from '../problem';

export const IMPORT_MAX_BYTES = 32 * 1024 * 1024; // the largest import file accepted

const flag = z.enum(['1', '0', 'true', 'false'], { error: 'dryRun must be 1 or 0' }).transform((v) => v === '1' || v === 'true');
const importQuery = z.object({
  kind: z.enum(['stations', 'merchants'], { error: 'kind must be stations or merchants' }).default('stations'),
  crs: z.enum(CRS_LIST, { error: `crs must be one of ${CRS_LIST.join(', ')}` }).default('wgs84'),
  dryRun: flag.optional(),
  filename: z.string().trim().min(1).max(200).optional(),
});
const exportQuery = z.object({
  kind: z.enum(['stations', 'merchants'], { error: 'kind must be stations or merchants' }).default('stations'),
  format: z.enum(['geojson', 'csv'], { error: 'format must be geojson or csv' }).default('geojson'),
});

/** The file format a Content-Type names; undefined = detect from the name or content; null = refused. */
function formatOf(contentType: string | undefined): ImportFormat | undefined | null {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'text/csv' || type === 'text/tab-separated-values') return 'csv';
  if (type === 'application/geo+json' || type === 'application/json') return 'geojson';
  if (type === '' || type === 'application/octet-stream' || type === 'text/plain') return undefined;
  return null;
}

/** The uploaded file's name: the `filename` query parameter, else the X-Filename header. */
function filenameOf(c: Context, fromQuery?: string): string | undefined {
  if (fromQuery) return fromQuery;
  const header = c.req.header('X-Filename');
  try {
    return header ? decodeURIComponent(header).slice(0, 200) : undefined;
  } catch {
    return header?.slice(0, 200);
  }
}

export const adminDataRoutes = new Hono<AuthEnv>()
  .post(
    '/import',
    bodyLimit({ maxSize: IMPORT_MAX_BYTES, onError: (c) => problem(c, 413, `Import files are limited to ${IMPORT_MAX_BYTES / 1048576} MB`) }),
    validate('query', importQuery),
    async (c) => {
      const q = c.req.valid('query');
      const format = formatOf(c.req.header('Content-Type'));
      if (format === null) return problem(c, 415, 'Send the file as text/csv, application/geo+json or application/octet-stream.');
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.length === 0) return problem(c, 400, 'The request body is empty: send the file itself as the body.');
      const deps = c.get('deps');
      const name = filenameOf(c, q.filename);
      // a declared Content-Type decides the format; the importer reads it from the extension
      const opts = { kind: q.kind, crs: q.crs, filename: name, format, now: deps.clock() };
      if (q.dryRun) return c.json({ dryRun: true, ...(await previewImport(deps.store, deps.listings, bytes, opts)) });
      const after = { kind: q.kind, crs: q.crs, filename: name ?? null };
      const audit = auditEntry(c, `import.${q.kind}`, { type: 'import', id: name ?? null }, null, after) as ImportJob['audit'];
      const database = storeLocation(deps.config);
      // a file on disk or a server: parse, validate and write in a child process, so no request waits behind it
      const result = !('path' in database) || database.path !== ':memory:'
        ? await importOnWorker({ database, bytes, opts: { ...opts, now: opts.now.toISOString() }, audit })
        : await deps.store.atomically(async (tx) => {
            const r = await importFile(tx, bytes, opts);
            if (r.ok) await tx.appendAudit({ ...audit, after: { ...after, rows: r.rows, ...r.summary } });
            return r;
          });
      if (!result.ok) {
        return problem(c, 422, `${result.errors.length} problem(s) in the file; nothing was imported.`, {
          rows: result.rows, errors: result.errors, warnings: result.warnings,
        });
      }
      await deps.listings.refreshNow(q.kind, { rebuild: true }); // many records: the change feed is not worth reading
      return c.json({ dryRun: false, ok: true, rows: result.rows, ...result.summary, warnings: result.warnings });
    },
  )
  // a GET with an audited side effect: a link on another site must not trigger it (SameSite=Lax sends the cookie)
  .get('/export', notCrossSite, validate('query', exportQuery), async (c) => {
    const { kind, format } = c.req.valid('query');
    const deps = c.get('deps');
    const file = await exportFile(deps.store, kind, format, deps.clock());
    await deps.store.appendAudit(auditEntry(c, `export.${kind}`, { type: 'export', id: null }, null, { kind, format, count: file.count }));
    c.header('Content-Disposition', `attachment; filename="${file.filename}"`);
    return c.body(file.body, 200, { 'Content-Type': file.contentType });
  });
