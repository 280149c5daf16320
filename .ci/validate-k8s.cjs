#!/usr/bin/env node
// Validates k8s/ offline: every manifest kustomization.yaml lists is loaded, built-in kinds are
// checked against the Kubernetes OpenAPI schemas (npm kubernetes-models), the Strimzi resources
// against the fields their CRDs require, and the whole against what Accord promises in its
// Deploy section (3 replicas, probes, limits, non-root, read-only root, seccomp, no Secret
// committed, all four topics with the policies asyncapi.yaml and application.properties give). Any finding fails with exit status 1.
//
// Usage: NODE_PATH=<dir with js-yaml and kubernetes-models> node .ci/validate-k8s.cjs [k8s-dir]
'use strict';
const fs = require('fs');
const path = require('path');
const yaml = require('js-yaml');

const dir = path.resolve(process.argv[2] || path.join(__dirname, '..', 'k8s'));
const root = path.resolve(__dirname, '..');
const problems = [];
const fail = (where, what) => problems.push(`${where}: ${what}`);

// ---- load what kustomize would render ----------------------------------------------------
const kustomization = yaml.load(fs.readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8'));
const documents = [];
for (const file of kustomization.resources || []) {
  for (const doc of yaml.loadAll(fs.readFileSync(path.join(dir, file), 'utf8'))) {
    if (doc) documents.push({ file, doc });
  }
}
if (documents.length === 0) fail('kustomization.yaml', 'lists no manifests');

// ---- built-in kinds against the Kubernetes schemas --------------------------------------
function modelOf(apiVersion, kind) {
  try {
    // kubernetes-models/v1 for the core group, kubernetes-models/<group>/<version> for the others.
    return require(`kubernetes-models/${apiVersion}`)[kind];
  } catch (e) {
    return undefined;
  }
}

const strimzi = {
  KafkaTopic: (doc, where) => {
    const spec = doc.spec || {};
    if (!doc.metadata?.labels?.['strimzi.io/cluster']) fail(where, 'metadata.labels.strimzi.io/cluster is required');
    for (const field of ['partitions', 'replicas']) {
      if (!Number.isInteger(spec[field]) || spec[field] < 1) fail(where, `spec.${field} must be an integer >= 1`);
    }
    for (const [key, value] of Object.entries(spec.config || {})) {
      if (!['string', 'number', 'boolean'].includes(typeof value)) fail(where, `spec.config.${key} must be a scalar`);
    }
    const allowed = new Set(['partitions', 'replicas', 'config', 'topicName']);
    for (const key of Object.keys(spec)) if (!allowed.has(key)) fail(where, `spec.${key} is not a KafkaTopic field`);
  },
  KafkaUser: (doc, where) => {
    const spec = doc.spec || {};
    if (!doc.metadata?.labels?.['strimzi.io/cluster']) fail(where, 'metadata.labels.strimzi.io/cluster is required');
    const authentication = ['tls', 'tls-external', 'scram-sha-512'];
    if (spec.authentication && !authentication.includes(spec.authentication.type)) {
      fail(where, `spec.authentication.type must be one of ${authentication}`);
    }
    const authorization = spec.authorization;
    if (!authorization || authorization.type !== 'simple' || !Array.isArray(authorization.acls)) {
      fail(where, 'spec.authorization must be {type: simple, acls: [...]}');
      return;
    }
    const types = ['topic', 'group', 'cluster', 'transactionalId'];
    const operations = ['Read', 'Write', 'Create', 'Delete', 'Alter', 'Describe', 'ClusterAction', 'AlterConfigs',
      'DescribeConfigs', 'IdempotentWrite', 'All'];
    authorization.acls.forEach((acl, i) => {
      const resource = acl.resource || {};
      if (!types.includes(resource.type)) fail(where, `acls[${i}].resource.type must be one of ${types}`);
      if (resource.type !== 'cluster' && typeof resource.name !== 'string') fail(where, `acls[${i}].resource.name is required`);
      if (resource.patternType && !['literal', 'prefix'].includes(resource.patternType)) {
        fail(where, `acls[${i}].resource.patternType must be literal or prefix`);
      }
      if (!Array.isArray(acl.operations) || acl.operations.length === 0
          || acl.operations.some((operation) => !operations.includes(operation))) {
        fail(where, `acls[${i}].operations must be a non-empty list of ${operations}`);
      }
    });
  },
};

const byKind = {};
for (const { file, doc } of documents) {
  const where = `${file} ${doc.kind}/${doc.metadata?.name}`;
  if (!doc.apiVersion || !doc.kind || !doc.metadata?.name) {
    fail(where, 'apiVersion, kind and metadata.name are required');
    continue;
  }
  (byKind[doc.kind] = byKind[doc.kind] || []).push(doc);
  if (doc.apiVersion.startsWith('kafka.strimzi.io/')) {
    if (doc.apiVersion !== 'kafka.strimzi.io/v1beta2' || !strimzi[doc.kind]) {
      fail(where, 'unknown Strimzi apiVersion or kind');
    } else {
      strimzi[doc.kind](doc, where);
    }
    continue;
  }
  const Model = modelOf(doc.apiVersion, doc.kind);
  if (!Model) {
    fail(where, `no Kubernetes schema for ${doc.apiVersion} ${doc.kind}`);
    continue;
  }
  try {
    new Model(doc).validate();
  } catch (e) {
    fail(where, `schema: ${e.message}${e.errors ? ' ' + JSON.stringify(e.errors) : ''}`);
  }
}

// ---- what the Deploy section promises ----------------------------------------------------
if (byKind.Secret) fail('kustomization.yaml', 'lists a Secret: secrets are created out of band, none is committed');
const one = (kind) => {
  const docs = byKind[kind] || [];
  if (docs.length !== 1) fail('kustomization.yaml', `expected one ${kind}, found ${docs.length}`);
  return docs[0];
};
for (const kind of ['Deployment', 'Service', 'ConfigMap', 'HorizontalPodAutoscaler', 'PodDisruptionBudget',
  'NetworkPolicy', 'KafkaUser']) one(kind);

const deployment = one('Deployment');
if (deployment) {
  const where = 'Deployment';
  const pod = deployment.spec.template.spec;
  if (deployment.spec.replicas !== 3) fail(where, 'spec.replicas must be 3');
  if (pod.securityContext?.runAsNonRoot !== true) fail(where, 'pod securityContext.runAsNonRoot must be true');
  if (pod.securityContext?.seccompProfile?.type !== 'RuntimeDefault') fail(where, 'seccompProfile must be RuntimeDefault');
  for (const container of pod.containers) {
    const at = `${where} container ${container.name}`;
    for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
      if (!container[probe]) fail(at, `${probe} is missing`);
    }
    for (const side of ['requests', 'limits']) {
      if (!container.resources?.[side]?.cpu || !container.resources?.[side]?.memory) fail(at, `resources.${side} needs cpu and memory`);
    }
    const security = container.securityContext || {};
    if (security.readOnlyRootFilesystem !== true) fail(at, 'readOnlyRootFilesystem must be true');
    if (security.allowPrivilegeEscalation !== false) fail(at, 'allowPrivilegeEscalation must be false');
    if (!(container.volumeMounts || []).some((mount) => mount.mountPath === '/tmp')) fail(at, 'needs a writable /tmp');
    if (!(container.envFrom || []).some((source) => source.configMapRef)) fail(at, 'needs its configuration from a ConfigMap');
    const secretRefs = (container.env || []).filter((variable) => variable.valueFrom?.secretKeyRef);
    if (secretRefs.length === 0) fail(at, 'needs its credentials from a Secret reference');
  }
}

const config = (one('ConfigMap') || {}).data || {};
for (const key of ['QUARKUS_PROFILE', 'ACCORD_AUTH_ENABLED', 'MP_JWT_VERIFY_PUBLICKEY_LOCATION', 'MP_JWT_VERIFY_ISSUER',
  'KAFKA_BOOTSTRAP_SERVERS', 'QUARKUS_DATASOURCE_REACTIVE_URL', 'QUARKUS_DATASOURCE_JDBC_URL']) {
  if (!config[key]) fail('ConfigMap', `${key} is not set`);
}
if (config.QUARKUS_PROFILE !== 'prod') fail('ConfigMap', 'QUARKUS_PROFILE must be prod');
if (config.ACCORD_AUTH_ENABLED !== 'true') fail('ConfigMap', 'ACCORD_AUTH_ENABLED must be "true"');
for (const key of Object.keys(config)) {
  if (/PASSWORD|SECRET|PRIVATE/i.test(key)) fail('ConfigMap', `${key} looks like a secret; use a Secret reference`);
}

const policy = one('NetworkPolicy');
if (policy) {
  const ingress = policy.spec.ingress || [];
  const ports = ingress.flatMap((rule) => rule.ports || []).map((port) => port.port);
  if (ingress.length === 0 || ports.some((port) => port !== 8080) || ingress.some((rule) => !rule.ports)) {
    fail('NetworkPolicy', 'ingress must allow port 8080 only');
  }
  if (ingress.some((rule) => (rule.from || []).some((peer) => !peer.namespaceSelector?.matchLabels))) {
    fail('NetworkPolicy', 'ingress must come only from labelled namespaces');
  }
  const egress = (policy.spec.egress || []).flatMap((rule) => rule.ports || []).map((port) => port.port).sort();
  if (JSON.stringify([...new Set(egress)].sort((a, b) => a - b)) !== JSON.stringify([53, 5432, 9092])) {
    fail('NetworkPolicy', `egress must reach DNS (53), PostgreSQL (5432) and Kafka (9092) only, has ${egress}`);
  }
  if (!(policy.spec.policyTypes || []).includes('Egress')) fail('NetworkPolicy', 'policyTypes must include Egress');
}

// The topics Accord uses, as application.properties names them (accord.topics.*).
const properties = fs.readFileSync(path.join(root, 'src/main/resources/application.properties'), 'utf8');
const topicsOf = Object.fromEntries([...properties.matchAll(/^accord\.topics\.([a-z-]+)=(.+)$/gm)]
  .map((match) => [match[1], match[2].trim()]));
const kafkaTopics = Object.fromEntries((byKind.KafkaTopic || []).map((doc) => [doc.spec.topicName || doc.metadata.name, doc]));
for (const [role, name] of Object.entries(topicsOf)) {
  if (!kafkaTopics[name]) fail('topics', `no KafkaTopic for ${name} (accord.topics.${role})`);
}
if (Object.keys(topicsOf).length !== 4) fail('topics', `expected the four accord.topics.* of asyncapi.yaml, found ${Object.keys(topicsOf)}`);
const events = kafkaTopics[topicsOf.events]?.spec?.config || {};
if (String(events['retention.ms']) !== '-1') fail('topics', `${topicsOf.events} must be kept forever (retention.ms -1)`);
if ((events['cleanup.policy'] || 'delete') !== 'delete') fail('topics', `${topicsOf.events} must not be compacted`);
if (kafkaTopics[topicsOf.state]?.spec?.config?.['cleanup.policy'] !== 'compact') {
  fail('topics', `${topicsOf.state} must be compacted`);
}

if (problems.length > 0) {
  console.error(`k8s/ is not valid (${problems.length} problem(s)):`);
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exit(1);
}
console.log(`k8s/: ${documents.length} manifests valid (${Object.keys(byKind).sort().join(', ')})`);
