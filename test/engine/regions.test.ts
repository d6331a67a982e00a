// A mistyped Region is caught from a packaged list, with no network: the message names the
// Region and the nearest real one.
import { describe, expect, it } from 'vitest';
import { QUESTIONS } from '../../src/engine/questions.js';
import { KNOWN_REGIONS, unknownRegionMessage } from '../../src/engine/regions.js';

describe('Region names', () => {
  it.each([
    ['us-east-9', 'Region us-east-9 does not exist (did you mean us-east-1?)'],
    ['eu-westt-1', 'Region eu-westt-1 does not exist (did you mean eu-west-1?)'],
    ['ap-southeast-8', 'Region ap-southeast-8 does not exist (did you mean ap-southeast-1?)'],
  ])('%s → "%s"', (region, message) => {
    expect(unknownRegionMessage(region)).toBe(message);
    expect(QUESTIONS.region.validate(region, {})).toBe(message);
  });

  it('every packaged Region passes the region question, and the shape check still comes first', () => {
    for (const region of KNOWN_REGIONS) expect(QUESTIONS.region.validate(region, {}), region).toBeNull();
    expect(QUESTIONS.region.validate('useast1', {})).toBe('region must look like us-east-1 (got "useast1")');
  });
});
