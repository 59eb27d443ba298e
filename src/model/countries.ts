/**
 * E.164 calling-code prefixes → ISO 3166 alpha-2 countries, for the countries dialform's users
 * have offices in. Longest prefix wins. `+1` is shared by the US and Canada (and the Caribbean):
 * a `+1` number is accepted for an office in either country.
 */
const PREFIXES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['+1', ['US', 'CA']],
  ['+7', ['RU', 'KZ']],
  ['+27', ['ZA']],
  ['+31', ['NL']],
  ['+32', ['BE']],
  ['+33', ['FR']],
  ['+34', ['ES']],
  ['+39', ['IT']],
  ['+41', ['CH']],
  ['+43', ['AT']],
  ['+44', ['GB']],
  ['+45', ['DK']],
  ['+46', ['SE']],
  ['+47', ['NO']],
  ['+48', ['PL']],
  ['+49', ['DE']],
  ['+52', ['MX']],
  ['+55', ['BR']],
  ['+61', ['AU']],
  ['+64', ['NZ']],
  ['+65', ['SG']],
  ['+81', ['JP']],
  ['+91', ['IN']],
  ['+351', ['PT']],
  ['+353', ['IE']],
  ['+358', ['FI']],
];

/** The countries a number may belong to, or undefined when its prefix is not in the table. */
export function countriesOfNumber(number: string): readonly string[] | undefined {
  let best: readonly [string, readonly string[]] | undefined;
  for (const entry of PREFIXES) {
    if (number.startsWith(entry[0]) && (best === undefined || entry[0].length > best[0].length)) best = entry;
  }
  return best?.[1];
}
