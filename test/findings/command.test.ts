// A fix command is argv rendered once to a shell line: what the shell passes back must be argv.
import { describe, expect, it } from 'vitest';
import { awsCommand, shellVar, splitCommandLine } from '../../src/findings/command.js';

describe('fix commands as data', () => {
  it('plain words stay bare, JSON and spaces are single-quoted, a quote inside is escaped', () => {
    const c = awsCommand('ec2', 'create-security-group', ['--description', "it's HTTPS", '--policy', '{"a":1}'], {
      region: 'us-east-1',
    });
    expect(c.line).toBe(
      `aws ec2 create-security-group --description 'it'\\''s HTTPS' --policy '{"a":1}' --region us-east-1`,
    );
    expect(c.argv).toEqual([
      'aws',
      'ec2',
      'create-security-group',
      '--description',
      "it's HTTPS",
      '--policy',
      '{"a":1}',
      '--region',
      'us-east-1',
    ]);
  });

  it('a captured id: NAME=$(…) on the creating line, "$NAME" where it is used', () => {
    const create = awsCommand('ec2', 'create-security-group', ['--query', 'GroupId', '--output', 'text'], {
      region: 'r',
      assigns: 'SG_ID',
    });
    const use = awsCommand('ec2', 'create-vpc-endpoint', ['--security-group-ids', shellVar('SG_ID')], { region: 'r' });
    expect(create.line).toBe('SG_ID=$(aws ec2 create-security-group --query GroupId --output text --region r)');
    expect(use.line).toBe('aws ec2 create-vpc-endpoint --security-group-ids "$SG_ID" --region r');
    expect(use.argv).toContain('$SG_ID');
  });

  it('refuses a placeholder and a literal that would read as a variable', () => {
    expect(() => awsCommand('ec2', 'x', ['--group-id', '<sg-id>'])).toThrow(RangeError);
    expect(() => awsCommand('ec2', 'x', ['$SG_ID'])).toThrow(RangeError);
  });

  it('a line saved before commands were data splits back into the same argv (old sessions load)', () => {
    const c = awsCommand('s3api', 'put-bucket-policy', ['--bucket', 'b', '--policy', `{"Sid":"it's"}`], {
      region: 'r',
      assigns: 'X',
    });
    expect(splitCommandLine(c.line)).toEqual({ argv: c.argv, assigns: 'X' });
  });
});
