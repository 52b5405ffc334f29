interface Party {
  name: string;
  documentNumberMasked: string | null;
}

/** One line per party: the name, then the masked ID number (lists never show a full number). */
export function PartyNames({ parties }: { parties: readonly Party[] }) {
  return (
    <div className="cell-stack">
      {parties.map((p, i) => (
        <span key={i} className="party-line">
          {p.name}
          {p.documentNumberMasked ? (
            <span className="muted small mono"> {p.documentNumberMasked}</span>
          ) : null}
        </span>
      ))}
    </div>
  );
}
