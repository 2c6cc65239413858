/** A `<select>`'s options, one per key of a label record, in the record's order. */
export function LabelledOptions<Key extends string>({ labels }: { labels: Readonly<Record<Key, string>> }) {
  return (
    <>
      {(Object.keys(labels) as Key[]).map((key) => (
        <option key={key} value={key}>
          {labels[key]}
        </option>
      ))}
    </>
  );
}
