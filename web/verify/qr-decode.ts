/**
 * QR codes from pictures and camera frames: the browser's own BarcodeDetector when it reads
 * qr_code (Android Chrome), otherwise jsQR — pure JavaScript, bundled with the app (nothing fetched
 * from elsewhere) and loaded only when first needed.
 */
type Source = HTMLVideoElement | HTMLImageElement | ImageBitmap;
interface Detector {
  detect(source: Source): Promise<{ rawValue: string }[]>;
}
interface DetectorClass {
  new (o: { formats: string[] }): Detector;
  getSupportedFormats(): Promise<string[]>;
}

let native: Promise<Detector | null> | undefined;

/** The native detector if this browser has one that reads QR codes. */
function nativeDetector(): Promise<Detector | null> {
  native ??= (async () => {
    const D = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
    if (!D) return null;
    try {
      return (await D.getSupportedFormats()).includes('qr_code') ? new D({ formats: ['qr_code'] }) : null;
    } catch {
      return null;
    }
  })();
  return native;
}

function size(source: Source) {
  if (source instanceof HTMLVideoElement) return { w: source.videoWidth, h: source.videoHeight };
  if (source instanceof HTMLImageElement) return { w: source.naturalWidth, h: source.naturalHeight };
  return { w: source.width, h: source.height };
}

/** The text of the first QR code in the picture or frame, or null when none is found. */
export async function decodeQr(source: Source): Promise<string | null> {
  const detector = await nativeDetector();
  if (detector) {
    const found = await detector.detect(source);
    return found[0]?.rawValue ?? null;
  }
  const { w, h } = size(source);
  if (!w || !h) return null;
  const scale = Math.min(1, 1600 / Math.max(w, h)); // big photos: enough pixels, bounded work
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(w * scale);
  canvas.height = Math.round(h * scale);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
  const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  const { default: jsQR } = await import('jsqr');
  return jsQR(data, canvas.width, canvas.height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
}

/** Decodes a picked photo. */
export async function decodeFile(file: Blob): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  try {
    return await decodeQr(bitmap);
  } finally {
    bitmap.close();
  }
}
