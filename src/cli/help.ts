export const HELP = `
  Find out why a workload cannot reach an AWS service through its VPC endpoint,
  and get the exact command that fixes it. Read-only: it only Describes, Gets and Lists.

  Examples
    $ vpce-doctor                                  ask, probe the account, diagnose
    $ vpce-doctor --answers answers.json --json    no prompts (CI, scripts)
    $ vpce-doctor replay session.json              re-play a saved session, no AWS access
    $ vpce-doctor replay session.json --json       just the report of a saved session
    $ vpce-doctor redact session.json --save shared.json
                                                   a copy safe to attach to a ticket
    $ vpce-doctor findings                         every finding id it can report
    $ vpce-doctor whois 10.0.1.25                  what owns this IP or eni-…, and what can reach it
    $ vpce-doctor schema answers                   JSON Schema of the answers file

  Usage
    $ vpce-doctor [options]
    $ vpce-doctor replay <session.json> [--json | --output text|json|markdown]
    $ vpce-doctor redact <session.json> [--save FILE] [--verbose]
    $ vpce-doctor findings [--json | --output markdown]
    $ vpce-doctor whois <private-ip | public-ip | eni-id> [--region R] [--profile P] [--json]
    $ vpce-doctor schema session|answers|report|whois

  Options
    --answers FILE       answers file {"version":1,"answers":{...}}; never prompts: a missing
                         answer that cannot be discovered exits 2 naming its question id
    --json               print the report as JSON on stdout (same as --output json)
    --output FORMAT      text (default), json or markdown
    --save FILE          also write the session file here (interactive mode saves one anyway)
    --region REGION      AWS Region (else AWS_REGION, AWS_DEFAULT_REGION, the profile's region)
    --profile NAME       named profile from ~/.aws/config (else AWS_PROFILE); SSO works
    --dns-server IP[:PORT]  resolve the service name against this DNS server (live DNS checks
                         also run when vpce-doctor runs on an instance inside the VPC)
    --verbose            list passing checks too
    --pace MS            replay: milliseconds per step in a terminal (default 450; 0 = instant)
    --version, --help

  Question ids for --answers
    region, service (s3, dynamodb, sqs, ... or com.amazonaws.<region>.<svc>),
    source.kind (instance|eni|subnet|peered-vpc|vpn|direct-connect|transit-gateway|on-premises),
    source.id (i-…, eni-…, subnet-…), source.ip, vpc, endpoint (vpce-… or auto),
    symptom (timeout|access-denied|wrong-address|nxdomain|unknown),
    target.bucket, target.key, target.table (DynamoDB), target.action, target.principal,
    target.hostname (the name the client calls, e.g. sts.amazonaws.com)

  Exit codes
    0 healthy · 1 problems found · 2 bad usage or input · 3 incomplete (a check could not run)
    130 interrupted
    whois: 0 found · 1 not in this account · 2 bad input · 3 incomplete (a read failed)

  Environment
    AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL (LocalStack, moto), NO_COLOR
`;
