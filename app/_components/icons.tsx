// Small drawn icons (no symbol or emoji font needed on the machine that shows them).

/** A trophy, for a race's winner. */
export function TrophyIcon({ size = 20 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" className="icon">
      <path d="M7 3h10v5a5 5 0 0 1-10 0z" fill="#ffd166" />
      <path d="M7 5H4v2a3 3 0 0 0 3 3M17 5h3v2a3 3 0 0 1-3 3" fill="none" stroke="#ffd166" strokeWidth="2" />
      <path d="M11 13h2v4h-2zM8 18h8v3H8z" fill="#ffd166" />
    </svg>
  );
}

/** A medal with its place written on it (1, 2 or 3), in gold, silver or bronze. */
export function Medal({ place, size = 36 }: { place: 1 | 2 | 3; size?: number }) {
  const fill = place === 1 ? "#ffd166" : place === 2 ? "#c9d3e3" : "#d08c5b";
  return (
    <svg width={size} height={size} viewBox="0 0 36 36" aria-hidden="true" className="icon">
      <path d="M10 2h6l3 9h-6zM26 2h-6l-3 9h6z" fill="#4cc9f0" />
      <circle cx="18" cy="22" r="12" fill={fill} stroke="#0b0f17" strokeWidth="2" />
      <text x="18" y="27" textAnchor="middle" fontSize="14" fontWeight="800" fill="#0b0f17" fontFamily="system-ui, sans-serif">{place}</text>
    </svg>
  );
}
