import type { MetadataRoute } from 'next';

/** Lets the app install to a home screen; it opens on the drills. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: 'Lockstep',
    short_name: 'Lockstep',
    description: 'Learn how threads, locks and virtual memory really behave.',
    start_url: '/drill',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#1d4ed8',
    icons: [192, 512].map((size) => ({ src: `/icon/${size}`, sizes: `${size}x${size}`, type: 'image/png', purpose: 'any' as const })),
  };
}
