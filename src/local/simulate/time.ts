// Instants as the simulator writes them: ISO 8601 with the zone's offset at that instant.
import { instantToWallTime, zoneOffsetMs } from '../../core/zones';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `2027-01-12T10:00:00+01:00`: the wall time in `zone`, with its offset from UTC. */
export function isoWithOffset(ms: number, zone: string): string {
  const w = instantToWallTime(ms, zone);
  const offset = Math.round(zoneOffsetMs(ms, zone) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
