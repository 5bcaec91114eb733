// What every cross-node check is given: the cluster model, and one way to report a finding
// (origin "cluster") in a member's file, with the other end as related place.

import { Diagnostic, Finding, Fix, toDiagnostic } from '../../diagnostics';
import { ConfigModel } from '../../document';
import { Setting } from '../../effective';
import type { FindingCode } from '../../findingCodes';
import { LineIndex } from '../../positions';
import { keySpan } from '../../tree';
import { ClusterModel, Member, Resolution } from '../members';

/** Another place a finding concerns, in a member's file. */
export interface RelatedPlace {
  member: Member;
  span: Finding['span'];
  message: string;
}

export class ClusterContext {
  private readonly findings: { member: Member; finding: Finding }[] = [];

  constructor(
    readonly cluster: ClusterModel,
    private readonly models: readonly ConfigModel[],
  ) {}

  report(
    member: Member,
    span: Finding['span'],
    severity: Finding['severity'],
    code: FindingCode,
    message: string,
    related?: RelatedPlace | RelatedPlace[],
    fixes?: Fix[],
  ): void {
    const places = related === undefined ? [] : Array.isArray(related) ? related : [related];
    const relatedPlaces = places.length
      ? places.map((r) => ({ file: r.member.node.file.path, span: r.span, message: r.message }))
      : undefined;
    this.findings.push({
      member,
      finding: { span, severity, code, message, origin: 'cluster', related: relatedPlaces, ...(fixes && { fixes }) },
    });
  }

  /** Reports at a route, in the file of the member it starts from. */
  reportRoute(
    r: Resolution,
    severity: Finding['severity'],
    code: FindingCode,
    message: string,
    related?: RelatedPlace,
  ): void {
    this.report(r.from, r.route.span, severity, code, message, related);
  }

  /** A related place at a setting's key in `member`'s file, when the setting is written. */
  relatedAt(member: Member, setting: Setting | undefined, message: string): RelatedPlace | undefined {
    return setting ? { member, span: keySpan(setting.entry), message } : undefined;
  }

  /** Where a setting's key is written, or its fallback's when it is not set. */
  at(setting: Setting | undefined, fallback: Setting): Finding['span'] {
    return keySpan((setting ?? fallback).entry);
  }

  /** The findings so far as diagnostics, in the order reported. */
  diagnostics(): Diagnostic[] {
    const linesOf = new Map<string, LineIndex>(
      this.models.flatMap((m) => m.files.map((f) => [f.path, f.lines] as const)),
    );
    return this.findings.map(({ member, finding }) => {
      const file = member.node.file;
      return toDiagnostic(file.path, file.lines, finding, (p) => linesOf.get(p));
    });
  }
}
