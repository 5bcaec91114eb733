// The sockets nats-server opens at start: a port it cannot bind (outside 1–65535, `port: 1MB`),
// a host that is no address, and two listeners of this config on one port of one host, the
// second of which fails with "address already in use". `nats-server -t` checks none of these.

import { Setting } from '../effective';
import type { FindingCode } from '../findingCodes';
import { isBindableHost, isIpLiteral, sameBind } from '../listeners';
import { REFUSED_AT_START, RuleContext } from './context';

/** @public The finding codes this file reports (read through RULE_FILES / CHECK_FILES). */
export const codes = ['startup-port', 'startup-host', 'startup-port-clash'] as const satisfies readonly FindingCode[];

export function checkListeners(ctx: RuleContext): void {
  const listeners = ctx.listenersOpened();
  const reportedHosts = new Set<Setting>();
  for (const l of listeners) {
    if (l.portSetting && (l.port > 65535 || l.port < -1)) {
      const value = l.portSetting.entry.value;
      const written = value ? l.portSetting.file.tree.text.slice(value.start, value.end) : String(l.port);
      const size = /[a-z]/i.test(written) ? ` (${written} is a size: ${l.port.toLocaleString('en-US')})` : '';
      ctx.report(
        l.portSetting,
        'error',
        'startup-port',
        `The ${l.kind} port ${l.port}${size} is outside 1–65535: nats-server refuses to start ` +
          `("listen tcp: address ${l.port}: invalid port"; nats-server -t does not check this).`,
        'server',
        true,
      );
    }
    if (l.hostSetting && !isBindableHost(l.host) && !reportedHosts.has(l.hostSetting)) {
      reportedHosts.add(l.hostSetting);
      const bracketed = /^\[.*\]$/.test(l.host) && isIpLiteral(l.host.slice(1, -1));
      const why = bracketed
        ? `an IPv6 address in 'host' is written without brackets ` +
          `(nats-server adds them: "address [${l.host}]:${l.port}: missing port in address"). ` +
          `Write ${l.host.slice(1, -1)}`
        : `'${l.host}' is not a network address (an IP address or a host name): ` +
          `nats-server cannot listen on it ("lookup ${l.host}: no such host")`;
      ctx.report(l.hostSetting, 'error', 'startup-host', `${why}; ${REFUSED_AT_START}`, 'server', true);
    }
  }
  const open = listeners.filter((l) => !l.ambiguous && l.port > 0 && l.port <= 65535 && isBindableHost(l.host));
  for (let i = 0; i < open.length; i++) {
    for (let j = 0; j < i; j++) {
      const [a, b] = [open[j], open[i]];
      if (a.port !== b.port || !sameBind(a.host, b.host)) continue;
      // Reported where a port is written: the one written later, unless only one is written.
      const later =
        !a.portSetting ||
        (b.portSetting &&
          b.portSetting.file === a.portSetting.file &&
          b.portSetting.entry.start > a.portSetting.entry.start);
      const [at, other] = later ? [b, a] : [a, b];
      if (!at.portSetting) continue;
      const otherLine = other.portSetting
        ? ` (line ${other.portSetting.file.lines.lineNumber(other.portSetting.entry.start)})`
        : ' (the default)';
      ctx.report(
        at.portSetting,
        'error',
        'startup-port-clash',
        `The ${at.kind} port ${at.port} is the ${other.kind} port too${otherLine}, on the same host: ` +
          `the second listener fails with "address already in use" and ${REFUSED_AT_START}`,
        'server',
        true,
      );
    }
  }
}
