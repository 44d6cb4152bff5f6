// Issue 15, the driver: an open saved route is deleted only after a second tap (no route lost to
// one stray tap in a dead zone).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { harness, type Harness } from './harness';

// A short track through Nanjing (a few kilometres, bends every few hundred metres).
const LINE = Array.from({ length: 12 }, (_, k): [number, number] => [+(118.76 + k * 0.006).toFixed(6), +(32.05 + (k % 2) * 0.003).toFixed(6)]);
const GPX = `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
  <trk><name>城西环线</name><trkseg>${LINE.map(([lng, lat]) => `<trkpt lat="${lat}" lon="${lng}"></trkpt>`).join('')}</trkseg></trk>
</gpx>`;

let h: Harness;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  h = await harness();
  ({ context, page } = await h.phone());
});
afterAll(async () => {
  await context?.close();
});

describe('11. deleting an open saved route asks first', () => {
  it('the first tap asks, the second deletes', async () => {
    await page.goto('/');
    await page.locator('ol[aria-labelledby="list-title"] li.row').first().waitFor();
    await page.getByRole('button', { name: '路线：规划、导入或查看已保存的路线' }).click();
    await page.locator('input[type=file]').setInputFiles({ name: 'west.gpx', mimeType: 'application/gpx+xml', buffer: Buffer.from(GPX) });
    await page.getByRole('heading', { name: '城西环线' }).waitFor();
    await page.locator('#route-list-title').waitFor();
    await page.getByRole('button', { name: '离线保存' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '开始保存' }).click();
    await dialog.locator('.save-done').waitFor({ timeout: 20_000 });
    await dialog.getByRole('button', { name: '完成' }).click();

    await page.getByRole('button', { name: '删除“城西环线”', exact: true }).click();
    // nothing deleted yet: the route is still open and the button asks
    const sure = page.getByRole('button', { name: '再点一次删除“城西环线”', exact: true });
    await sure.waitFor();
    expect(await sure.textContent()).toBe('确定删除？');
    expect(await page.getByRole('heading', { name: '城西环线' }).count()).toBe(1);
    await sure.click();
    await expect.poll(() => page.locator('.toast').textContent()).toBe('已删除“城西环线”，空间已释放');
  });
});

describe('12. route files and the route map', () => {
  const KML = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>两步路 城西</name>
  <Placemark><LineString><coordinates>${LINE.map(([lng, lat]) => `${lng},${lat},10`).join(' ')}</coordinates></LineString></Placemark>
</Document></kml>`;
  const openRoutes = async () => {
    await page.goto('/');
    await page.locator('ol[aria-labelledby="list-title"] li.row').first().waitFor();
    await page.getByRole('button', { name: '路线：规划、导入或查看已保存的路线' }).click();
    await page.locator('input[type=file]').waitFor({ state: 'attached' });
  };

  it('a KML file imports like GPX; the map then shows the route\'s stops, not every cluster', async () => {
    await openRoutes();
    await page.locator('.mk-pin, .mk-cluster').first().waitFor();
    await page.locator('input[type=file]').setInputFiles({ name: 'west.kml', mimeType: 'application/vnd.google-earth.kml+xml', buffer: Buffer.from(KML) });
    await page.getByRole('heading', { name: '两步路 城西' }).waitFor();
    await page.locator('ol[aria-labelledby="route-list-title"] li.row').first().waitFor({ timeout: 15_000 });
    await page.locator('.mk-stop').first().waitFor();
    await expect.poll(() => page.locator('.mk-pin, .mk-cluster').count()).toBe(0);
    expect(await page.locator('.mk-stop').count()).toBe(await page.locator('ol[aria-labelledby="route-list-title"] li.row').count());
  });

  it('a file that is not a route says why in the UI\'s language, with no parser English', async () => {
    await openRoutes();
    await page.locator('input[type=file]').setInputFiles({ name: 'broken.gpx', mimeType: 'application/gpx+xml', buffer: Buffer.from('<gpx><trk><trkseg><trkpt lat="32" lon="118">') });
    const error = page.locator('.route-planner [role="alert"]');
    await error.waitFor();
    expect(await error.textContent()).toBe('文件无法读取：它不是完整的 GPX 或 KML 文件。');
    await page.locator('input[type=file]').setInputFiles({ name: 'bad.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify({ type: 'LineString', coordinates: [[118, 32], [118.1, 32.1], [250, 32]] })) });
    await expect.poll(() => error.textContent()).toBe('文件里第 3 个点的坐标无效（经度应在 ±180、纬度在 ±85 之内）。');
  });
});

describe('13. offer merchants along a route', () => {
  interface Item { id: string; kind: 'station' | 'merchant'; lng: number; lat: number }
  const corridor = async (line: [number, number][]) => {
    const res = await fetch(`${h.baseUrl}/api/corridor`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ line, width: 2000, kinds: ['stations', 'merchants'], limit: 500 }),
    });
    return ((await res.json()) as { items: Item[] }).items;
  };

  it('with none within reach the list says so, under the stations it found', async () => {
    // a short track past a station that has no offer merchant within the default 2 km
    const near = (await h.api<{ items: Item[] }>(`/api/stations/nearest?lat=32.0603&lng=118.7969&limit=100&maxDistance=2000000`)).items;
    let line: [number, number][] | null = null;
    for (const s of near) {
      const candidate: [number, number][] = [[+(s.lng - 0.01).toFixed(6), s.lat], [+(s.lng + 0.01).toFixed(6), +(s.lat + 0.002).toFixed(6)]];
      const items = await corridor(candidate);
      if (items.length && items.every((x) => x.kind === 'station')) {
        line = candidate;
        break;
      }
    }
    expect(line).toBeTruthy();
    const gpx = `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
  <trk><name>无商户路段</name><trkseg>${line!.map(([lng, lat]) => `<trkpt lat="${lat}" lon="${lng}"></trkpt>`).join('')}</trkseg></trk>
</gpx>`;
    await page.goto('/');
    await page.locator('ol[aria-labelledby="list-title"] li.row').first().waitFor();
    await page.getByRole('button', { name: '路线：规划、导入或查看已保存的路线' }).click();
    await page.locator('input[type=file]').setInputFiles({ name: 'none.gpx', mimeType: 'application/gpx+xml', buffer: Buffer.from(gpx) });
    await page.getByRole('heading', { name: '无商户路段' }).waitFor();
    const rows = page.locator('ol[aria-labelledby="route-list-title"] li.row');
    await rows.first().waitFor();
    expect(await page.locator('.no-merchants').count()).toBe(0);

    const chip = page.locator('.route-view').getByRole('button', { name: '优惠商户' });
    await chip.click();
    await expect.poll(() => page.locator('.no-merchants').textContent()).toBe('路线两侧 2公里 内没有会员优惠商户。放宽范围试试。');
    expect(await rows.count()).toBeGreaterThan(0); // the stations stay listed
    await chip.click();
    await expect.poll(() => page.locator('.no-merchants').count()).toBe(0);
  });
});
