/**
 * The four Payload* keys of a test payload body, for the schema rules' tests: they build payloads of many types
 * inline with the harness's `profile()`, and only the type and the UUID's last digits differ.
 */
export function payloadKeys(type: string, n = 1): string {
  return `<key>PayloadIdentifier</key>\n<string>p${n}</string>\n<key>PayloadType</key>\n<string>${type}</string>\n` +
    `<key>PayloadUUID</key>\n<string>00000000-0000-4000-8000-${String(n).padStart(12, '0')}</string>\n<key>PayloadVersion</key>\n<integer>1</integer>`;
}
