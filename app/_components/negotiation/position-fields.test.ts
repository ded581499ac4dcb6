import { describe, expect, it } from 'vitest';
import { positionChoice } from './position-fields';

describe("positionChoice (the forms check a position with the server's schema)", () => {
  it('asks for what is missing, in words', () => {
    expect(positionChoice('', '', '')).toEqual({ error: 'Choose a position first.' });
    expect(positionChoice('reservation', '', '')).toEqual({ error: 'Choose which reservation: scrutiny, parliamentary, linguistic or substantive.' });
  });

  it('sends the reservation only with a reservation, and no empty note', () => {
    expect(positionChoice('support', 'scrutiny', '')).toEqual({ input: { position: 'support' } });
    expect(positionChoice('reservation', 'scrutiny', 'pending Cabinet')).toEqual({
      input: { position: 'reservation', reservation: 'scrutiny', note: 'pending Cabinet' },
    });
  });

  it('refuses what the server would refuse: an explanation over 4,000 characters or with control characters', () => {
    const long = positionChoice('support', '', 'x'.repeat(4001));
    expect('error' in long && long.error).toMatch(/^The explanation .*4,000/);
    const nul = positionChoice('oppose', '', 'a\u0000b');
    expect('error' in nul && nul.error).toMatch(/^The explanation /);
  });
});
