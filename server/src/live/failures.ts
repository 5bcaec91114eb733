// What went wrong talking to a live cluster, in one sentence that says what to check: never a
// stack trace, never a secret (servers are named as shown, already masked).

export interface FailureScene {
  /** The servers as shown to people (masked). */
  servers?: string[];
  subject?: string;
  timeoutMs?: number;
  /** The operation was a JetStream publish: no responders means no stream. */
  jetstream?: boolean;
}

/** The message for a failure of connecting, publishing, subscribing or requesting. */
export function explainFailure(error: unknown, scene: FailureScene = {}): string {
  const e = error as {
    name?: string;
    message?: string;
    code?: string;
    cause?: { name?: string; message?: string; code?: string };
    operation?: string;
    subject?: string;
  };
  const text = `${e?.message ?? String(error)} ${e?.cause?.message ?? ''}`;
  const code = e?.code ?? e?.cause?.code ?? '';
  const where = scene.servers?.length ? scene.servers.join(', ') : 'the server';
  const subject = e?.subject ?? scene.subject;
  if (e?.name === 'ContextError') return e.message!;
  if (e?.name === 'PermissionViolationError' || /permissions violation/i.test(text)) {
    const op = e?.operation ?? (/subscription/i.test(text) ? 'subscription' : 'publish');
    return (
      `Permission denied: this user may not ${op === 'publish' ? 'publish to' : 'subscribe to'} ` +
      `'${subject ?? '?'}'. Check the user's permissions in the server config (publish/subscribe allow and deny).`
    );
  }
  if (scene.jetstream && (/^NoResponders/.test(e?.name ?? '') || /no responders|503/i.test(text)))
    return (
      `No JetStream stream captures '${subject ?? '?'}', or JetStream is off for ` +
      `this account: create a stream with this subject, or publish without JetStream.`
    );
  if (/^NoResponders/.test(e?.name ?? '') || /^NoResponders/.test(e?.cause?.name ?? '') || /no responders/i.test(text))
    return (
      `No responders: nothing subscribes to '${subject ?? '?'}' ` +
      `(the server said so at once; this is not a timeout).`
    );
  if (e?.name === 'TimeoutError' || e?.cause?.name === 'TimeoutError' || /^timeout\b/i.test(e?.message ?? '')) {
    return subject
      ? `No reply on '${subject}' within ${scene.timeoutMs ?? '?'} ms: a responder exists but did not answer in time.`
      : `${where} did not answer in time: check the address and that nothing in between drops the connection.`;
  }
  if (/authorization violation|authentication|user authentication/i.test(text))
    return (
      `${where} refused the credentials (Authorization Violation): check the ` +
      `user and password, token, nkey or credentials file of this connection.`
    );
  if (code === 'ECONNREFUSED' || /connection refused/i.test(text))
    return `Nothing listens at ${where}: check the address and port, and that nats-server runs.`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || /getaddrinfo/i.test(text))
    return `The host of ${where} is unknown: check the server address.`;
  if (/tls|ssl|certificate|handshake|self[- ]signed|wrong version number/i.test(text)) {
    if (/client didn't provide a certificate|certificate required/i.test(text))
      return `${where} requires a client certificate: set cert and key for this connection.`;
    if (/self[- ]signed|unable to verify|unknown ca|issuer/i.test(text))
      return `The certificate of ${where} is not trusted: set ca to the CA that signed it.`;
    if (/not available|server does not support|wrong version number/i.test(text))
      return (
        `TLS does not match at ${where}: the ` +
        `server ${/not available|does not support/i.test(text) ? 'has no TLS' : 'did not answer TLS'}. Use ` +
        `nats:// without TLS settings, or enable TLS on the server.`
      );
    return `TLS failed with ${where}: ${e?.message ?? text.trim()}. Check the cert, key and ca of this connection.`;
  }
  if (/closed|draining/i.test(text)) return `The connection to ${where} is closed: connect again.`;
  return `${e?.message ?? String(error)} (${where})`;
}
