/** Every IANA zone the browser knows, for the time zone selects. */
export const TIME_ZONES: string[] = (() => {
  const zones =
    (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
})();
