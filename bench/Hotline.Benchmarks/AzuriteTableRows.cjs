'use strict';
// node AzuriteTableRows.cjs <table database> <rows> <out>
//
// Adds rows to a table database an Azurite saved (its Loki file) and writes the result to <out>, for an Azurite to
// start from (AzuriteInstance.StartAsync(tableDatabase)). Azurite finds an entity by scanning its partition on every
// write, so loading 100,000 rows into one partition through its API takes hours; Loki itself inserts them in seconds.
//
// <rows> holds one JSON object a line: {"table": name, "entity": the entity's JSON as the storage SDK sends it}, or
// {"table", "entity", "stored": true} for an entity already written through the API. Each stored one is compared with
// what Azurite made of it, so a row this script writes differently from Azurite stops the load; the first stored one
// of a table also gives the rows its time stamp and ETag.
const fs = require('fs');
const readline = require('readline');
const Loki = require('lokijs');

const Account = 'devstoreaccount1';
const [databaseFile, rowsFile, outFile] = process.argv.slice(2);
if (!outFile) {
  console.error('usage: node AzuriteTableRows.cjs <table database> <rows> <out>');
  process.exit(2);
}

function fail(message) {
  console.error(message);
  process.exit(1);
}

// What Azurite adds to an entity's properties when it stores it (NormalizedEntity).
function withoutTimestamp(properties) {
  const { Timestamp, 'Timestamp@odata.type': _, ...rest } = properties;
  return rest;
}

function sameProperties(stored, sent) {
  const a = withoutTimestamp(stored);
  const keys = Object.keys(a).sort();
  const other = Object.keys(sent).sort();
  return keys.length === other.length && keys.every((k, i) => k === other[i] && JSON.stringify(a[k]) === JSON.stringify(sent[k]));
}

async function main() {
  const db = new Loki(databaseFile);
  db.loadJSON(fs.readFileSync(databaseFile, 'utf8'));
  const tables = new Map();
  const table = name => {
    if (!tables.has(name)) {
      const collection = db.getCollection(`${Account}$${name}`) ?? fail(`No table ${name} in ${databaseFile}.`);
      tables.set(name, { collection, template: null, rows: [] });
    }
    return tables.get(name);
  };

  const lines = readline.createInterface({ input: fs.createReadStream(rowsFile, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.length === 0) continue;
    const { table: name, entity, stored } = JSON.parse(line);
    const t = table(name);
    if (stored) {
      const doc = t.collection.findOne({ PartitionKey: entity.PartitionKey, RowKey: entity.RowKey })
        ?? fail(`${name} ${entity.PartitionKey} ${entity.RowKey} was not stored in ${databaseFile}.`);
      if (!sameProperties(doc.properties, entity)) {
        fail(`Azurite stored ${name} ${entity.PartitionKey} ${entity.RowKey} as\n${JSON.stringify(withoutTimestamp(doc.properties))}\nnot as sent:\n${JSON.stringify(entity)}`);
      }
      t.template ??= doc;
      continue;
    }

    t.rows.push(entity);
  }

  for (const [name, t] of tables) {
    const template = t.template ?? fail(`No stored row of ${name} to take the time stamp and ETag from.`);
    const docs = t.rows.map(entity => ({
      PartitionKey: entity.PartitionKey,
      RowKey: entity.RowKey,
      properties: { ...entity, Timestamp: template.properties.Timestamp, 'Timestamp@odata.type': 'Edm.DateTime' },
      lastModifiedTime: template.lastModifiedTime,
      eTag: template.eTag,
    }));

    // true: one index rebuild after the load, instead of an insertion into each sorted index per row.
    if (docs.length > 0) t.collection.insert(docs, true);
    console.log(`${name}: ${docs.length} rows added, ${t.collection.count()} in all`);
  }

  fs.writeFileSync(outFile, db.serialize());
}

main().catch(e => fail(e.stack ?? String(e)));
