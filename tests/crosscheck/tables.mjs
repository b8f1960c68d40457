// Cross-check of our C# Table client against the official JS SDK (@azure/data-tables, pinned in package.json).
// Usage:
//   node tables.mjs read  <connectionString> <table> <partitionKey> <rowKey>   -> {"converted":{…},"raw":{…}}
//   node tables.mjs write <connectionString> <table> <partitionKey> <rowKey>   -> {"etag":"…"}
//   node tables.mjs list  <connectionString> <table> <filter>                  -> {"rows":[…]}
// Prints one JSON document on stdout; errors go to stderr with a non-zero exit code.
import { TableClient } from "@azure/data-tables";

const [command, connectionString, tableName, ...rest] = process.argv.slice(2);
const client = TableClient.fromConnectionString(connectionString, tableName, { allowInsecureConnection: true });

// Describes a value the way the SDK hands it to JS code, so C# can check the type it would see.
function describe(value) {
  if (typeof value === "bigint") return { kind: "bigint", value: value.toString() };
  if (value instanceof Date) return { kind: "Date", value: value.toISOString() };
  if (value instanceof Uint8Array) return { kind: "Uint8Array", value: Buffer.from(value).toString("base64") };
  if (value !== null && typeof value === "object" && "type" in value) return { kind: value.type, value: String(value.value) };
  return { kind: typeof value, value };
}

function describeEntity(entity) {
  const described = {};
  for (const [name, value] of Object.entries(entity)) {
    if (name === "etag" || name === "odata.metadata") continue;
    described[name] = describe(value);
  }
  return described;
}

switch (command) {
  case "read": {
    const [partitionKey, rowKey] = rest;
    const converted = await client.getEntity(partitionKey, rowKey);
    const raw = await client.getEntity(partitionKey, rowKey, { queryOptions: {}, disableTypeConversion: true });
    console.log(JSON.stringify({ converted: describeEntity(converted), raw: describeEntity(raw) }));
    break;
  }
  case "write": {
    const [partitionKey, rowKey] = rest;
    const result = await client.createEntity({
      partitionKey,
      rowKey,
      Text: "工资拖欠 'quoted' & <tags>",
      Flag: true,
      Small: 42,
      BigInt: 9007199254740993n,
      Int64Object: { value: "-9223372036854775808", type: "Int64" },
      Fraction: 3.25,
      WholeDouble: { value: "2", type: "Double" },
      When: new Date("2024-02-29T13:14:15.123Z"),
      WhenPrecise: { value: "2024-02-29T13:14:15.1234567Z", type: "DateTime" },
      Id: { value: "8f4c2a5e-0b1d-4c3e-9f2a-7d6e5c4b3a21", type: "Guid" },
      Bytes: new Uint8Array([0, 1, 2, 250, 255]),
    });
    console.log(JSON.stringify({ etag: result.etag }));
    break;
  }
  case "list": {
    const [filter] = rest;
    const rows = [];
    for await (const entity of client.listEntities({ queryOptions: { filter } })) {
      rows.push(describeEntity(entity));
    }
    console.log(JSON.stringify({ rows }));
    break;
  }
  default:
    console.error(`unknown command ${command}`);
    process.exit(2);
}

