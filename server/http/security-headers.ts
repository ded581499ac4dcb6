/**
 * Headers set on every response; the page CSP (with a nonce) comes from proxy.ts.
 * HSTS only when Accord is served over HTTPS (PUBLIC_URL starts with https://).
 */
export function securityHeaders(https: boolean): Array<[string, string]> {
  return [
    ['x-content-type-options', 'nosniff'],
    ['referrer-policy', 'same-origin'],
    ['x-frame-options', 'DENY'],
    ['permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()'],
    ['cross-origin-opener-policy', 'same-origin'],
    ...(https ? ([['strict-transport-security', 'max-age=31536000; includeSubDomains']] as Array<[string, string]>) : []),
  ];
}
