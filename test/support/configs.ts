// Config texts several test folders write to disk.

/** A node on 127.0.0.1 in cluster `clusterName`, routing to `peer` on 6222. */
export function routedNode(name: string, clusterName: string, peer: string): string {
  return (
    `server_name: ${name}\n` +
    'host: 127.0.0.1\n' +
    'cluster {\n' +
    `  name: ${clusterName}\n` +
    '  port: 6222\n' +
    `  routes: [ nats-route://${peer}:6222 ]\n` +
    '}\n'
  );
}
