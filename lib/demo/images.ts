import "server-only";
import sharp from "sharp";
import { photoHash } from "@/lib/houses/photo-hash";
import { makeThumbnail } from "@/lib/storage/images";

// Room-like pictures drawn locally (no network): a wall, a floor, a window and one piece of
// furniture per room type. The machine may have no CJK font, so the only text is Latin.

export interface DemoImage {
  roomsType: number;
  jpeg: Buffer;
  thumb: Buffer;
  palette: number;
  /** Perceptual hash (lib/houses/photo-hash), stored with the photo like an upload's. */
  hash: string;
}

interface Palette {
  wall: [string, string];
  floor: string;
}

const palettes: Palette[] = [
  { wall: ["#f6efe6", "#e8dccb"], floor: "#b98a5e" },
  { wall: ["#eef3f6", "#d5e1ea"], floor: "#9c7b5b" },
  { wall: ["#f4f1ea", "#ddd6c6"], floor: "#c9a57a" },
];

const furniture: Record<number, { label: string; shape: string }> = {
  1: {
    label: "MASTER BEDROOM",
    shape: `<rect x="250" y="380" width="300" height="110" rx="12" fill="#ffffff"/>
      <rect x="250" y="330" width="300" height="60" rx="12" fill="#8fa8c8"/>
      <rect x="270" y="350" width="90" height="35" rx="10" fill="#f2f2f2"/>`,
  },
  2: {
    label: "BEDROOM",
    shape: `<rect x="280" y="390" width="230" height="100" rx="10" fill="#ffffff"/>
      <rect x="280" y="350" width="230" height="50" rx="10" fill="#c7a27c"/>`,
  },
  3: {
    label: "LIVING ROOM",
    shape: `<rect x="220" y="390" width="360" height="90" rx="18" fill="#7d8f8a"/>
      <rect x="220" y="360" width="360" height="50" rx="18" fill="#93a6a0"/>
      <rect x="340" y="500" width="120" height="30" rx="6" fill="#6b4f3a"/>`,
  },
  4: {
    label: "KITCHEN",
    shape: `<rect x="120" y="360" width="560" height="130" fill="#e9e9e9"/>
      <rect x="120" y="350" width="560" height="16" fill="#9a9a9a"/>
      <circle cx="250" cy="340" r="18" fill="#555"/><circle cx="310" cy="340" r="18" fill="#555"/>`,
  },
  5: {
    label: "BATHROOM",
    shape: `<rect x="470" y="360" width="150" height="120" rx="20" fill="#ffffff"/>
      <rect x="200" y="400" width="90" height="90" rx="30" fill="#ffffff"/>
      <rect x="190" y="230" width="110" height="120" rx="8" fill="#cfe3ef"/>`,
  },
  6: {
    label: "BALCONY",
    shape: `<rect x="100" y="390" width="600" height="10" fill="#777"/>
      ${Array.from({ length: 13 }, (_, i) => `<rect x="${110 + i * 46}" y="400" width="6" height="90" fill="#777"/>`).join("")}
      <circle cx="640" cy="370" r="28" fill="#5f9a5f"/>`,
  },
};

/**
 * `variant` moves the window, the furniture and a picture on the wall, so each landlord's rooms
 * look different (and hash differently: the copied-photo rule must not see one landlord's
 * photos on another's listings).
 */
function roomSvg(roomsType: number, palette: Palette, variant: number): string {
  const room = furniture[roomsType] ?? furniture[3];
  const windowX = 40 + ((variant * 131) % 540);
  const shift = ((variant * 67) % 300) - 150;
  const frameX = 40 + ((variant * 211 + 300) % 660);
  const frameY = 60 + ((variant * 47) % 160);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600">
    <defs>
      <linearGradient id="wall" x1="0" y1="0" x2="1" y2="1">
        <stop offset="0" stop-color="${palette.wall[0]}"/><stop offset="1" stop-color="${palette.wall[1]}"/>
      </linearGradient>
      <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
        <stop offset="0" stop-color="#9fc9ee"/><stop offset="1" stop-color="#e3f1fb"/>
      </linearGradient>
    </defs>
    <rect width="800" height="600" fill="url(#wall)"/>
    <polygon points="0,470 800,470 800,600 0,600" fill="${palette.floor}"/>
    <rect x="${windowX}" y="90" width="220" height="180" fill="url(#sky)" stroke="#ffffff" stroke-width="10"/>
    <line x1="${windowX + 110}" y1="90" x2="${windowX + 110}" y2="270" stroke="#ffffff" stroke-width="6"/>
    ${variant > 0 ? `<rect x="${frameX}" y="${frameY}" width="90" height="120" fill="#3d4a5c" stroke="#8a6d4b" stroke-width="8"/>` : ""}
    <g transform="translate(${variant > 0 ? shift : 0} 0)">${room?.shape ?? ""}</g>
    <text x="30" y="570" font-family="sans-serif" font-size="22" fill="#ffffff" opacity="0.85">ZHIZU DEMO · ${room?.label ?? ""}</text>
  </svg>`;
}

/**
 * One picture per (room type, palette): a small pool the seed copies for listings. A `variant`
 * (one per landlord) draws its rooms in one palette only, which keeps seeding fast.
 */
export async function makeDemoImagePool(variant = 0): Promise<DemoImage[]> {
  const used = variant > 0 ? [variant % palettes.length] : palettes.map((_, index) => index);
  const rooms = Object.keys(furniture).map(Number);
  // sharp works on libuv's thread pool: drawing the pictures together uses every core.
  return Promise.all(
    rooms.flatMap((roomsType) =>
      used.map(async (palette): Promise<DemoImage> => {
        const jpeg = await sharp(
          Buffer.from(roomSvg(roomsType, palettes[palette] as Palette, variant)),
        )
          .jpeg({ quality: 72, mozjpeg: true })
          .toBuffer();
        const [thumb, hash] = await Promise.all([makeThumbnail(jpeg), photoHash(jpeg)]);
        return { roomsType, jpeg, palette, thumb, hash };
      }),
    ),
  );
}
