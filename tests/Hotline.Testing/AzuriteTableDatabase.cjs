'use strict';
// Loaded into Azurite with `node --require` (AzuriteInstance.StartAsync(tableDatabase)): an Azurite run with
// --inMemoryPersistence still opens the table database in the folder it runs in, but its in-memory adapter has never
// seen it and starts empty. This hands the adapter that file's text once, so the instance starts from the saved tables
// and, being in memory, never spends time writing them back (an on-disk Azurite serializes the whole database every
// 5 s while anything changes, which would weigh on a benchmark in proportion to what is stored).
const fs = require('fs');
const path = require('path');
const Loki = require('lokijs');

const TableDatabase = '__azurite_db_table__.json';
const loadDatabase = Loki.LokiMemoryAdapter.prototype.loadDatabase;
Loki.LokiMemoryAdapter.prototype.loadDatabase = function (dbname, callback) {
  if (path.basename(dbname) === TableDatabase && fs.existsSync(dbname)) {
    callback(fs.readFileSync(dbname, 'utf8'));
    return;
  }
  loadDatabase.call(this, dbname, callback);
};
