/** Test data and settings shared by the browser tests. */

/** Nanjing, Gulou: the emulated phone position (WGS-84). */
export const NANJING = { latitude: 32.0603, longitude: 118.7969 };

/** Launch flags for Debian's Chromium (ENGINEERING.md), with a fresh profile per launch. */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
export const CHROMIUM = '/usr/bin/chromium';

/** Markup that would run if any text were rendered as HTML. */
export const XSS_NAME = `<img src=x onerror="window.__xss=1">"><script>window.__xss=2</script>`;
export const XSS_POSITION = { latitude: 32.1, longitude: 118.9 };

/** Stations imported into the test database on top of the demo data. */
export const EXTRA_STATIONS = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [XSS_POSITION.longitude, XSS_POSITION.latitude] },
      properties: {
        id: 'e2e-xss',
        name: XSS_NAME,
        type: 'union_station',
        address: `<svg onload="window.__xss=3">江苏省南京市`,
        opening_hours: 'Mo-Su 08:00-20:00',
        amenities: ['drinking_water', 'ebike_charging'],
        notes: `<a href="javascript:window.__xss=4">click</a>`,
        phone: '025-12345678',
        status: 'open',
      },
    },
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [118.95, 32.15] },
      properties: {
        id: 'e2e-closed',
        name: '栖霞区测试路工会驿站',
        type: 'union_station',
        address: '江苏省南京市栖霞区测试路1号',
        opening_hours: '24/7',
        amenities: ['toilet'],
        status: 'temporarily_closed',
      },
    },
  ],
};
