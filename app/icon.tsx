import { ImageResponse } from 'next/og';

/** The app icon at the sizes browsers and home screens ask for: two threads stepping in turn. */
export function generateImageMetadata() {
  return [32, 192, 512].map((size) => ({ id: String(size), size: { width: size, height: size }, contentType: 'image/png' }));
}

export default async function Icon({ id }: { id: Promise<string | number> }) {
  const size = Number(await id);
  const bar = (left: number, top: number, color: string) => (
    <div style={{ position: 'absolute', left: size * left, top: size * top, width: size * 0.3, height: size * 0.18, borderRadius: size * 0.05, background: color }} />
  );
  return new ImageResponse(
    (
      <div style={{ width: size, height: size, display: 'flex', position: 'relative', background: '#1d4ed8', borderRadius: size * 0.2 }}>
        {bar(0.14, 0.2, '#ffffff')}
        {bar(0.56, 0.41, '#fbbf24')}
        {bar(0.14, 0.62, '#ffffff')}
      </div>
    ),
    { width: size, height: size },
  );
}
