# Writes examples/minimal and examples/invalid/*: each invalid model is the minimal one with one class of error.
# Run from examples/: python3 generate_invalid.py. EXPECTED lists the problems lint must report, checked by the core tests.
import os, hashlib, shutil
base = {
"ecosystem.yaml": """apiVersion: datasurface/v1
kind: Ecosystem
name: Mini
owner: {repo: https://github.com/mini/model.git, branch: main}
vendors:
  - {name: OnPrem, cloud: private, locations: [{name: DC1}]}
  - {name: AWS, cloud: aws, locations: [{name: us-east-1}]}
platforms:
  - name: Prod
    kind: KubernetesPGStarter
    namespace: ds
    postgres: {host: pg, database: ds, credential: {name: pg-main, kind: userPassword}}
    kafka: {bootstrapServers: "kafka:9092"}
    kafkaConnect: {name: connect, credential: {name: connect-api, kind: token}}
    airflow: {name: airflow, credential: {name: airflow-api, kind: token}}
    mergeImage: merge-worker:1
    git: {credential: {name: git-model, kind: token}}
    slack: {channel: "#ops", credential: {name: slack-webhook, kind: token}}
zones:
  - {name: North, owner: {repo: https://github.com/mini/north.git, branch: main}}
  - {name: South, owner: {repo: https://github.com/mini/south.git, branch: main}}
""",
"zones/North/zone.yaml": """apiVersion: datasurface/v1
kind: GovernanceZone
name: North
policies:
  classifications: {allowed: [public, pii], restrictedToZone: [pii]}
  vendors: {allowed: [OnPrem]}
teams:
  - {name: producers, owner: {repo: https://github.com/mini/producers.git, branch: main}}
""",
"zones/North/teams/producers.yaml": """apiVersion: datasurface/v1
kind: Team
name: producers
datastores:
  - name: shop_db
    location: OnPrem/DC1
    capture: {kind: debezium, topicPrefix: cdc.shop_db}
    datasets:
      - name: customers
        classification: pii
        columns:
          - {name: id, type: bigint, key: true}
          - {name: name, type: varchar(100)}
          - {name: email, type: varchar(200), nullable: true}
      - name: products
        classification: public
        columns:
          - {name: sku, type: varchar(20), key: true}
          - {name: price, type: "decimal(10,2)"}
workspaces:
  - name: ops
    platform: Prod
    groups:
      - name: live
        sinks:
          - {datastore: shop_db, dataset: customers}
""",
"zones/South/zone.yaml": """apiVersion: datasurface/v1
kind: GovernanceZone
name: South
teams:
  - {name: consumers, owner: {repo: https://github.com/mini/consumers.git, branch: main}}
""",
"zones/South/teams/consumers.yaml": """apiVersion: datasurface/v1
kind: Team
name: consumers
workspaces:
  - name: reports
    platform: Prod
    groups:
      - name: history
        milestoning: milestoned
        sinks:
          - {datastore: shop_db, dataset: products}
""",
}
P = "zones/North/teams/producers.yaml"
h = hashlib.sha256(b"Email").hexdigest()[:8]
cases = {
 # name: (description, edits [(file, old, new)], extra files, expected lines "severity rule file:line fragment")
 "illegal-name": ("A column name with a space", [(P, "{name: name, type: varchar(100)}", "{name: \"full name\", type: varchar(100)}")], {}, ["error name zones/North/teams/producers.yaml:13 column name 'full name' is not legal"]),
 "duplicate-column": ("The same column twice in one dataset", [(P, "          - {name: email, type: varchar(200), nullable: true}", "          - {name: email, type: varchar(200), nullable: true}\n          - {name: email, type: text, nullable: true}")], {}, ["error name zones/North/teams/producers.yaml:15 column 'email' is defined more than once"]),
 "unresolved-sink": ("A sink naming a dataset the store does not have", [(P, "dataset: customers}", "dataset: clients}")], {}, ["error reference zones/North/teams/producers.yaml:26 datastore shop_db has no dataset 'clients'"]),
 "unknown-platform": ("A workspace on a platform the ecosystem does not define", [(P, "    platform: Prod", "    platform: Staging")], {}, ["error reference zones/North/teams/producers.yaml:21 workspace uses platform 'Staging'"]),
 "undeclared-team": ("A team file the zone does not declare", [], {"zones/North/teams/interlopers.yaml": "apiVersion: datasurface/v1\nkind: Team\nname: interlopers\n"}, ["error reference zones/North/teams/interlopers.yaml:1 team interlopers is defined but not declared"]),
 "missing-primary-key": ("A dataset without a primary key", [(P, "{name: sku, type: varchar(20), key: true}", "{name: sku, type: varchar(20)}")], {}, ["error primary-key zones/North/teams/producers.yaml:15 dataset has no primary key"]),
 "nullable-key": ("A nullable primary key column", [(P, "{name: id, type: bigint, key: true}", "{name: id, type: bigint, key: true, nullable: true}")], {}, ["error primary-key zones/North/teams/producers.yaml:12 primary key column id is nullable"]),
 "invalid-type": ("A decimal whose scale exceeds its precision", [(P, "\"decimal(10,2)\"", "\"decimal(5,7)\"")], {}, ["error type zones/North/teams/producers.yaml:19 scale must be between 0 and the precision (5)"]),
 "unsupported-type": ("A type PostgreSQL cannot store (nanosecond timestamps)", [(P, "          - {name: name, type: varchar(100)}", "          - {name: name, type: varchar(100)}\n          - {name: seen_at, type: timestamp(9)}")], {}, ["error platform-support zones/North/teams/producers.yaml:14 column seen_at has type timestamp(9), which platform Prod cannot store"]),
 "missing-capture": ("A datastore without capture metadata", [(P, "    capture: {kind: debezium, topicPrefix: cdc.shop_db}\n", "")], {}, ["error datastore zones/North/teams/producers.yaml:5 datastore has no capture metadata"]),
 "empty-datastore": ("A datastore without datasets", [(P, "workspaces:", "  - name: empty_db\n    capture: {kind: debezium, topicPrefix: cdc.empty_db}\nworkspaces:")], {}, ["error datastore zones/North/teams/producers.yaml:20 datastore has no datasets"]),
 "unsupported-credential": ("A certificate credential, which Kubernetes secrets as environment variables cannot serve", [("ecosystem.yaml", "{name: slack-webhook, kind: token}", "{name: slack-webhook, kind: certificate}")], {}, ["error credential ecosystem.yaml:9 credential slack-webhook is of kind certificate", "error credential ecosystem.yaml:9 the slack credential slack-webhook is of kind certificate but slack needs kind token"]),
 "credential-role": ("A PostgreSQL credential that is a token: the jobs and sinks log in with a user and a password", [("ecosystem.yaml", "{name: pg-main, kind: userPassword}", "{name: pg-main, kind: token}")], {}, ["error credential ecosystem.yaml:9 the postgres credential pg-main is of kind token but postgres needs kind userPassword"]),
 "stream-name-collision": ("Two batch-streams whose keys map to one DAG file name", [(P, "workspaces:\n", "  - name: shop_db_products\n    location: OnPrem/DC1\n    capture: {kind: debezium, transactions: multiDataset, topicPrefix: cdc.shop_db_products}\n    datasets:\n      - name: items\n        classification: public\n        columns:\n          - {name: id, type: bigint, key: true}\nworkspaces:\n"), (P, "          - {datastore: shop_db, dataset: customers}", "          - {datastore: shop_db, dataset: customers}\n          - {datastore: shop_db_products, dataset: items}")], {}, ["error pg-names ecosystem.yaml:9 batch-streams shop_db.products and shop_db_products both map to shop_db_products"]),
 "platform-name-collision": ("Two platforms whose names map to one schema, so to the same DAG files and Kubernetes names", [("ecosystem.yaml", "zones:\n", "  - name: PROD\n    kind: KubernetesPGStarter\n    namespace: ds2\n    postgres: {host: pg, database: ds, credential: {name: pg-main, kind: userPassword}}\n    kafka: {bootstrapServers: \"kafka:9092\"}\n    kafkaConnect: {name: connect, credential: {name: connect-api, kind: token}}\n    airflow: {name: airflow, credential: {name: airflow-api, kind: token}}\n    mergeImage: merge-worker:1\n    git: {credential: {name: git-model, kind: token}}\n    slack: {channel: \"#ops\", credential: {name: slack-webhook, kind: token}}\nzones:\n")], {}, ["error pg-names ecosystem.yaml:19 platforms Prod and PROD both map to schema prod"]),
 "unsupported-capture": ("A capture kind the platform cannot ingest", [(P, "capture: {kind: debezium, topicPrefix: cdc.shop_db}", "capture: {kind: jdbcSnapshot, jdbcUrl: \"jdbc:postgresql://shop/shop\", credential: {name: shop-reader, kind: userPassword}}")], {}, ["error platform-support zones/North/teams/producers.yaml:5 cannot ingest capture kind jdbcSnapshot"]),
 "classification-not-allowed": ("A classification the zone does not allow", [(P, "classification: public", "classification: secret")], {}, ["error classification zones/North/teams/producers.yaml:15 classification 'secret' is not allowed in zone North"]),
 "restricted-classification": ("A workspace of another zone consuming restricted (pii) data", [("zones/South/teams/consumers.yaml", "dataset: products}", "dataset: products}\n          - {datastore: shop_db, dataset: customers}")], {}, ["error classification zones/South/teams/consumers.yaml:12 dataset shop_db.customers holds 'pii' data, which zone North lets only its own teams consume"]),
 "vendor-not-allowed": ("A datastore hosted on a vendor the zone does not allow", [(P, "location: OnPrem/DC1", "location: AWS/us-east-1")], {}, ["error vendor zones/North/teams/producers.yaml:5 datastore is hosted on vendor AWS, which zone North does not allow"]),
 "unknown-location": ("A datastore location the vendor does not have", [(P, "location: OnPrem/DC1", "location: OnPrem/DC9")], {}, ["error reference zones/North/teams/producers.yaml:5 vendor OnPrem has no location 'DC9'"]),
 "postgres-name-collision": ("Column names whose PostgreSQL names still collide after hashing", [(P, "          - {name: email, type: varchar(200), nullable: true}", "          - {name: email, type: varchar(200), nullable: true}\n          - {name: Email, type: varchar(200), nullable: true}\n          - {name: email_%s, type: text, nullable: true}" % h)], {}, ["error pg-names ecosystem.yaml:9 columns Email and email_%s of shop_db.customers both map to PostgreSQL column email_%s" % (h, h)]),
 "deprecated-in-use": ("A deprecated dataset in use: a warning, the model is still valid", [(P, "        classification: pii\n", "        classification: pii\n        deprecated: true\n        documentation: use clients instead\n")], {}, ["warning deprecated zones/North/teams/producers.yaml:28 dataset shop_db.customers is deprecated"]),
 "unknown-field": ("A misspelt field, caught by the JSON Schema with its line", [(P, "        classification: public", "        clasification: public")], {}, ["error schema zones/North/teams/producers.yaml:15 /datastores/0/datasets/1: required property 'classification' not found", "error schema zones/North/teams/producers.yaml:16 property 'clasification' is not defined in the schema"]),
}
out = "invalid"
if os.path.exists(out): shutil.rmtree(out)
for name, (desc, edits, extra, expected) in cases.items():
    files = dict(base)
    for f, old, new in edits:
        assert old in files[f], (name, old)
        files[f] = files[f].replace(old, new, 1)
    files.update(extra)
    for f, text in files.items():
        p = os.path.join(out, name, f); os.makedirs(os.path.dirname(p), exist_ok=True)
        open(p, "w").write(text)
    open(os.path.join(out, name, "EXPECTED"), "w").write("# " + desc + "\n# severity rule file:line message-fragment\n" + "\n".join(expected) + "\n")
p = "minimal"
if os.path.exists(p): shutil.rmtree(p)
for f, text in base.items():
    q = os.path.join(p, f); os.makedirs(os.path.dirname(q), exist_ok=True); open(q, "w").write(text)
print("ok", len(cases))
