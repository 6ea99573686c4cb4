#!/usr/bin/env node
// check.js validates FollowTheMoney JSON lines against the model that Aleph
// publishes in the npm package @alephdata/followthemoney.
//
//   node testdata/ftm-check/check.js FILE.jsonl [FILE2.jsonl ...]
//
// For every line it checks: the line is a JSON object with a non-empty
// string id (unique in the input), a schema that exists in the model and is
// not abstract, and properties that map to arrays of strings; every property
// exists on the schema (inherited ones included); values respect the type's
// maximum length; values of entity-typed properties are the id of an entity
// in the input whose schema fits the property's range; dates look like
// FtM dates (ISO 8601 prefixes: 2021, 2021-02, 2021-02-16, 2021-02-16T21:48:52);
// countries and topics are values the model lists; the schema's required
// properties are present. It prints each problem as FILE:LINE: message and
// exits 1 when there is any, 0 otherwise; 2 on bad usage.
'use strict';

const fs = require('fs');
const path = require('path');
const { Model, defaultModel } = require('@alephdata/followthemoney');
const pkg = require('@alephdata/followthemoney/package.json');

const DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3])(:[0-5]\d(:[0-5]\d)?)?)?)?)?$/;

function main(argv) {
  if (argv.length === 0) {
    process.stderr.write('usage: node check.js FILE.jsonl [...]\n');
    return 2;
  }
  const model = new Model(defaultModel);
  const countries = defaultModel.types.country.values || {};
  const topics = defaultModel.types.topic.values || {};
  const entities = new Map(); // id -> {schema, where}
  const refs = []; // {where, prop, value, range}
  const problems = [];
  let count = 0;

  for (const file of argv) {
    let text;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      process.stderr.write(`ftm-check: ${err.message}\n`);
      return 2;
    }
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      const where = `${file}:${i + 1}`;
      if (line.trim() === '') return;
      let e;
      try {
        e = JSON.parse(line);
      } catch (err) {
        problems.push(`${where}: not JSON: ${err.message}`);
        return;
      }
      count++;
      if (e === null || typeof e !== 'object' || Array.isArray(e)) {
        problems.push(`${where}: not a JSON object`);
        return;
      }
      if (typeof e.id !== 'string' || e.id === '') {
        problems.push(`${where}: missing id`);
      } else if (entities.has(e.id)) {
        problems.push(`${where}: duplicate id ${e.id} (first at ${entities.get(e.id).where})`);
      }
      let schema;
      try {
        schema = model.getSchema(e.schema);
      } catch (err) {
        schema = undefined;
      }
      if (!schema) {
        problems.push(`${where}: unknown schema ${JSON.stringify(e.schema)}`);
        return;
      }
      if (schema.abstract) problems.push(`${where}: schema ${schema.name} is abstract`);
      if (typeof e.id === 'string' && !entities.has(e.id)) entities.set(e.id, { schema, where });
      const props = e.properties;
      if (props === null || typeof props !== 'object' || Array.isArray(props)) {
        problems.push(`${where}: properties is not an object`);
        return;
      }
      for (const req of schema.required || []) {
        if (!Array.isArray(props[req]) || props[req].length === 0) {
          problems.push(`${where}: ${schema.name} requires ${req}`);
        }
      }
      for (const [name, values] of Object.entries(props)) {
        if (!schema.hasProperty(name)) {
          problems.push(`${where}: ${schema.name} has no property ${name}`);
          continue;
        }
        const prop = schema.getProperty(name);
        if (!Array.isArray(values)) {
          problems.push(`${where}: ${name} is not an array`);
          continue;
        }
        if (values.length === 0) problems.push(`${where}: ${name} is empty`);
        const type = prop.type.name;
        const max = prop.maxLength || prop.type.maxLength;
        for (const v of values) {
          if (typeof v !== 'string' || v === '') {
            problems.push(`${where}: ${name} value ${JSON.stringify(v)} is not a non-empty string`);
            continue;
          }
          if (max && [...v].length > max) problems.push(`${where}: ${name} value longer than ${max}`);
          if (type === 'date' && !DATE.test(v)) problems.push(`${where}: ${name} value ${JSON.stringify(v)} is not a date`);
          if (type === 'country' && !(v in countries)) problems.push(`${where}: ${name} value ${JSON.stringify(v)} is not a country code the model knows`);
          if (type === 'topic' && !(v in topics)) problems.push(`${where}: ${name} value ${JSON.stringify(v)} is not a topic the model knows`);
          if (type === 'url' && !/^https?:\/\/\S+$/i.test(v)) problems.push(`${where}: ${name} value ${JSON.stringify(v)} is not an http(s) URL`);
          if (type === 'entity') refs.push({ where, name, value: v, range: prop.hasRange ? prop.getRange() : null });
        }
      }
    });
  }

  for (const r of refs) {
    const target = entities.get(r.value);
    if (!target) {
      problems.push(`${r.where}: ${r.name} points at ${r.value}, which is not in the input`);
      continue;
    }
    const range = r.range && r.range.name;
    if (range && !target.schema.isA(range)) {
      problems.push(`${r.where}: ${r.name} must point at a ${range}, ${r.value} is a ${target.schema.name}`);
    }
  }

  for (const p of problems) process.stdout.write(p + '\n');
  process.stderr.write(`ftm-check: ${count} entities, ${problems.length} problems (model ${pkg.name}@${pkg.version}, ${argv.map((f) => path.basename(f)).join(', ')})\n`);
  return problems.length ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
