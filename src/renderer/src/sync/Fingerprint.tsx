import { fingerprintGroups } from './syncText';

/**
 * A fingerprint in fours, monospace, eight groups a line, so two people on the phone can read it out
 * group by group. The text (groups and spaces) is the fingerprint itself, for screen readers and copying.
 */
export function Fingerprint({ hex }: { hex: string }) {
  const groups = fingerprintGroups(hex);
  return (
    <code className="fingerprint">
      {groups.map((group, i) => (
        <span key={i} className="fingerprint-group">
          {group}
          {i === groups.length - 1 ? null : i % 8 === 7 ? <br /> : ' '}
        </span>
      ))}
    </code>
  );
}
