/**
 * The camera scanner: the back camera in a video element, a frame decoded about four times a
 * second until a QR code is read; the stream stops when it is found or the scanner closes.
 */
import { useEffect, useRef } from 'preact/hooks';
import { decodeQr } from './qr-decode';

const FRAME_MS = 250;

export function CameraScan({ label, onCode, onError }: { label: string; onCode: (text: string) => void; onError: (message: string) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const tick = async () => {
      if (stopped || !video.current) return;
      const text = video.current.readyState >= 2 ? await decodeQr(video.current).catch(() => null) : null;
      if (text && !stopped) return onCode(text);
      timer = setTimeout(tick, FRAME_MS);
    };
    (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
        if (stopped) return stream.getTracks().forEach((t) => t.stop());
        video.current!.srcObject = stream;
        await video.current!.play();
        void tick();
      } catch (err) {
        onError((err as Error).message || String(err));
      }
    })();
    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, []);
  return <video ref={video} class="verify-video" muted playsInline aria-label={label} />;
}
