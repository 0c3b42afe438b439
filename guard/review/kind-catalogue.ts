// What a change kind is: metadata declared once beside the comparer that emits it (its `*-kinds.ts` file), like a
// rule's id, severity, title and rationale. The severity of every change comes from here, never from the call site.

/** blocking: a downgrade (exit 1 unless acknowledged); upgrade: access narrowed; info: shown, never counted. */
export type Severity = "blocking" | "upgrade" | "info";

export interface KindSpec {
  readonly severity: Severity;
  /** A few words: `authorization removed`. */
  readonly title: string;
  /** When the kind is reported and why it has its severity (one Markdown paragraph, docs/review.md). */
  readonly explanation: string;
}

/** A comparer's kinds, keyed by id. The ids are the union `ChangeKind` (kinds.ts); an id outside it does not compile. */
export type KindCatalogue<K extends string> = { readonly [Id in K]: KindSpec };

/** Declares a catalogue; the identity function keeps the literal ids as the catalogue's key type. */
export const defineKinds = <K extends string>(kinds: { readonly [Id in K]: KindSpec }): KindCatalogue<K> => kinds;
