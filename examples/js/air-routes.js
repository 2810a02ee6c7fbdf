'use strict';
// The air-routes questions asked of a running Nereid server with the JavaScript Gremlin client
// (npm package `gremlin`): traversals as bytecode over WebSocket (GraphBinary, the client's
// default), then one gremlin-lang script. Prints the same lines as the Java examples
// (io.nereid.examples.AirRoutesQuestions.Answers#format), which is how the tests compare them.
//
//   npm ci && node air-routes.js [port] [host]        (default 8182 localhost)

const gremlin = require('gremlin');

const { DriverRemoteConnection, Client } = gremlin.driver;
const { traversal } = gremlin.process.AnonymousTraversalSource;
const __ = gremlin.process.statics;
const { P } = gremlin.process;

const FROM = 'AUS';
const TO = 'LHR';
const SHOWN_DESTINATIONS = 10;

async function askWithBytecode(g) {
  const airports = (await g.V().hasLabel('airport').count().next()).value;
  const routes = (await g.V().has('airport', 'code', FROM).out('route').count().next()).value;
  const first = await g.V().has('airport', 'code', FROM).out('route').values('code')
    .dedup().order().limit(SHOWN_DESTINATIONS).toList();
  const via = await g.V().has('airport', 'code', FROM).out('route')
    .where(__.out('route').has('code', TO)).values('code').dedup().order().toList();
  const twoFlights = (await g.V().has('airport', 'code', FROM).out('route').out('route')
    .dedup().has('code', P.neq(FROM)).count().next()).value;
  console.log(`airports: ${airports}`);
  console.log(`routes from ${FROM}: ${routes}`);
  console.log(`first destinations from ${FROM}: ${first.join(' ')}`);
  console.log(`${FROM} -> ? -> ${TO}: ${via.join(' ')} (${via.length} airports)`);
  console.log(`airports two flights from ${FROM}: ${twoFlights}`);
}

async function askWithScript(url) {
  const client = new Client(url, { traversalSource: 'g' });
  try {
    const script = "g.V().has('airport', 'code', code).out('route').count()";
    // Client.submit labels the script 'gremlin-groovy'; Nereid parses it as gremlin-lang (no Groovy).
    const result = await client.submit(script, { code: FROM });
    console.log(`script ${script} with code=${FROM}: ${result.first()}`);
  } finally {
    await client.close();
  }
}

async function main() {
  const port = process.argv[2] || '8182';
  const host = process.argv[3] || 'localhost';
  const url = `ws://${host}:${port}/gremlin`;
  const connection = new DriverRemoteConnection(url);
  try {
    await askWithBytecode(traversal().withRemote(connection));
  } finally {
    await connection.close();
  }
  await askWithScript(url);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
