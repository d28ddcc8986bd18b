/**
 * The profile model: one immutable object per parse and settings that every rule and feature asks, so each
 * domain fact (payloads, VPN roles, certificate references, secrets, schema facts) has one definition.
 * Anything costly is computed on first use and kept on the model itself, so it dies with the model.
 */
import type { KeyContainer, KeySchema, SupportedOS } from '../catalog';
import { getAnywhereKey, getCommonPayloadSchema, getMemberKey, getTopLevelSchema } from '../catalog';
import type { ArrayNode, DictNode, KeyNode, ParseResult, PlistNode, ScalarNode, ServiceSettings } from '../types';
import { CertificateReference, isReferenceKey } from './references';
import {
  KnownPayload, knownPayloads, memoisedOsMerge, OsMerge, PayloadWalk, resolveDict, ResolvedDict, targetsMac, TOP_LEVEL_TYPE, walkPayload,
} from './schema';
import { findPlaceholder, Placeholder } from './placeholders';
import { isSecretKey, Secret } from './secrets';
import { getString, getStringNode, getValue, Payload, walkContainers } from './tree';
import { describeVpn, equivalentNewPayload, indexNewApp, NewAppIndex, twinOf, VPN_PAYLOAD_TYPE, VpnPayload } from './vpn';

export type { Payload } from './tree';
export type { Secret } from './secrets';
export type { CertificateReference } from './references';
export type { Placeholder } from './placeholders';

/** One payload's share of the schema walk. */
export interface SchemaPart {
  payload: KnownPayload;
  walk: PayloadWalk;
}

/** Where a dict sits, as completion and hover need it. */
export interface DictContext {
  /** `top`: the outer dict or a dict below it; `payload`: a payload dict or a dict below one. */
  scope: 'top' | 'payload';
  /** The PayloadType of the enclosing payload (scope `payload`), if it is a string. */
  payloadType: string | undefined;
  /** True for the outer dict and for a payload dict itself. */
  atPayloadLevel: boolean;
  /** The keys valid in this dict, or undefined when the schema does not say. */
  container: KeyContainer | undefined;
}

/** A key's schema facts where it stands, as hover and completion show them. */
export interface KeyFacts {
  key: KeySchema;
  os: SupportedOS;
  /** The payload type whose documentation describes the key (`TopLevel` for the outer dict). */
  docTitle: string;
  docUrl: string | undefined;
  /** The enclosing payload's type, if the catalog knows it. */
  payloadType: string | undefined;
}

export class ProfileModel {
  private memo: {
    payloads?: readonly Payload[];
    allPayloads?: readonly Payload[];
    byDict?: Map<DictNode, Payload>;
    containers?: readonly (DictNode | ArrayNode)[];
    vpn?: readonly VpnPayload[];
    newApp?: NewAppIndex;
    strings?: { references: CertificateReference[]; secrets: Secret[]; placeholders: Placeholder[] };
    secretNodes?: Set<PlistNode>;
    placeholderNodes?: Set<PlistNode>;
    known?: readonly KnownPayload[];
    mac?: boolean;
    schema?: readonly SchemaPart[];
    resolved?: Map<DictNode, ResolvedDict>;
    uuids?: Map<string, Payload[]>;
    merge?: OsMerge;
  } = {};
  /** Results of the layers above the model (the diagnostics of this model), kept as long as it lives. */
  private remembered = new Map<string, unknown>();

  constructor(
    readonly parse: ParseResult,
    /** The text the parse was made from. */
    readonly text: string,
    readonly settings: ServiceSettings,
  ) {}

  /**
   * A result computed once per model by a layer the model cannot import (diagnostics need the rules, which
   * need the model): `compute` must depend on nothing but the model.
   */
  remember<T>(key: string, compute: () => T): T {
    if (!this.remembered.has(key)) this.remembered.set(key, compute());
    return this.remembered.get(key) as T;
  }

  /** The top-level dict, if the root value is a dict. */
  get top(): DictNode | undefined {
    return this.parse.root?.kind === 'dict' ? this.parse.root : undefined;
  }

  /** The profile's name: the top-level PayloadDisplayName, trimmed; what a portal registers it under. */
  get profileName(): string | undefined {
    const top = this.top;
    return (top && getString(top, 'PayloadDisplayName')?.trim()) || undefined;
  }

  /** The top-level PayloadContent value, if present. */
  get content(): PlistNode | undefined {
    return this.top && getValue(this.top, 'PayloadContent');
  }

  /** The payload dicts of PayloadContent, in document order (none for a plain preference plist). */
  get payloads(): readonly Payload[] {
    if (this.memo.payloads) return this.memo.payloads;
    const out: Payload[] = [];
    const content = this.content;
    if (content?.kind === 'array' && getString(this.top!, 'PayloadType') !== undefined) {
      content.items.forEach((item, index) => {
        if (item.kind === 'dict') out.push({ dict: item, index, type: getString(item, 'PayloadType') });
      });
    }
    return (this.memo.payloads = out);
  }

  /** The top-level profile dict (as a payload with index -1) followed by every payload of PayloadContent. */
  get allPayloads(): readonly Payload[] {
    if (this.memo.allPayloads) return this.memo.allPayloads;
    const top = this.top;
    return (this.memo.allPayloads = top ? [{ dict: top, index: -1, type: getString(top, 'PayloadType') }, ...this.payloads] : []);
  }

  /** The payload a dict is (the profile dict included), or undefined for any other dict. */
  payloadOf(dict: DictNode): Payload | undefined {
    this.memo.byDict ??= new Map(this.allPayloads.map((p) => [p.dict, p]));
    return this.memo.byDict.get(dict);
  }

  /** The payload of PayloadContent whose dict holds `offset` (payloads are in document order). */
  payloadAt(offset: number): Payload | undefined {
    const list = this.payloads;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const { dict } = list[mid];
      if (offset < dict.offset) hi = mid - 1;
      else if (offset >= dict.offset + dict.length) lo = mid + 1;
      else return list[mid];
    }
    return undefined;
  }

  /** A human name for a payload in messages: its display name, else its type, else its position. */
  label(payload: Payload): string {
    const name = getString(payload.dict, 'PayloadDisplayName');
    if (name) return name;
    if (payload.type) return payload.type;
    return payload.index < 0 ? 'profile' : `payload #${payload.index + 1}`;
  }

  /** Every dict and array of the tree, parents before children. */
  get containers(): readonly (DictNode | ArrayNode)[] {
    return (this.memo.containers ??= walkContainers(this.parse.root));
  }

  /** The payloads whose PayloadUUID is this one (trimmed, case-insensitive). */
  payloadsWithUuid(uuid: string): readonly Payload[] {
    if (!this.memo.uuids) {
      const map = new Map<string, Payload[]>();
      for (const p of this.allPayloads) {
        const id = getStringNode(p.dict, 'PayloadUUID')?.value.trim().toUpperCase();
        if (!id) continue;
        const list = map.get(id);
        if (list) list.push(p);
        else map.set(id, [p]);
      }
      this.memo.uuids = map;
    }
    return this.memo.uuids.get(uuid.trim().toUpperCase()) ?? [];
  }

  // -------------------------------------------------------------------------------------------------------
  // AnyConnect (shared/domain/README.md, "The two iOS apps")
  // -------------------------------------------------------------------------------------------------------

  /** Every `com.apple.vpn.managed` payload with the app it serves, by the settings' subtype lists. */
  get vpnPayloads(): readonly VpnPayload[] {
    return (this.memo.vpn ??= this.payloads.filter((p) => p.type === VPN_PAYLOAD_TYPE).map((p) => describeVpn(p, this.settings)));
  }

  /** The VPN payload whose dict contains an offset (fixes only get a problem's offset). */
  vpnAt(offset: number): VpnPayload | undefined {
    const payload = this.payloadAt(offset);
    return payload && this.vpnPayloads.find((v) => v.payload === payload);
  }

  private get newApp(): NewAppIndex {
    return (this.memo.newApp ??= indexNewApp(this.vpnPayloads));
  }

  /** The new-app payload equivalent to a legacy one (same RemoteAddress and Group), if any. */
  equivalentNew(legacy: VpnPayload): VpnPayload | undefined {
    return equivalentNewPayload(legacy, this.newApp);
  }

  /** The new-app payload that mirrors a legacy one (see `twinOf`). */
  twinOf(legacy: VpnPayload): VpnPayload | undefined {
    return twinOf(legacy, this.newApp);
  }

  /** True when the payload's PayloadUUID is used by another payload of the profile too. */
  hasDuplicateUuid(payload: Payload): boolean {
    const uuid = getStringNode(payload.dict, 'PayloadUUID')?.value;
    return !!uuid?.trim() && this.payloadsWithUuid(uuid).length > 1;
  }

  // -------------------------------------------------------------------------------------------------------
  // Certificates and secrets
  // -------------------------------------------------------------------------------------------------------

  /**
   * One pass over every `<string>` of the payloads, in document order, sorting out the references, secrets and
   * placeholders (each defined in its own file). An array's items take the array's key.
   */
  private get strings(): { references: CertificateReference[]; secrets: Secret[]; placeholders: Placeholder[] } {
    if (this.memo.strings) return this.memo.strings;
    const out = { references: [] as CertificateReference[], secrets: [] as Secret[], placeholders: [] as Placeholder[] };
    // Key names repeat across payloads: each is classified once.
    const kinds = new Map<string, { reference: boolean; secret: boolean }>();
    const kindOf = (name: string) => {
      let k = kinds.get(name);
      if (!k) kinds.set(name, (k = { reference: isReferenceKey(name), secret: isSecretKey(name, undefined) }));
      return k;
    };
    const top = this.allPayloads[0];
    const visit = (node: PlistNode, key: KeyNode | undefined, dict: DictNode, payload: Payload) => {
      if (node.kind !== 'string') return;
      if (key) {
        const kind = kindOf(key.name);
        if (kind.reference && node.value.trim() !== '') out.references.push({ key, node, dict, payload });
        if (node.value !== '' && (kind.secret || (key.name === 'Challenge' && isSecretKey(key.name, payload.type)))) out.secrets.push({ key: key.name, node, payload });
      }
      const text = findPlaceholder(node.value);
      if (text) out.placeholders.push({ node, text, payload });
    };
    // The containers come parents first, so each array's key is known by the time its items are visited.
    const arrayKeys = new Map<PlistNode, { key: KeyNode | undefined; dict: DictNode }>();
    for (const c of this.containers) {
      const payload = c === this.top ? top : this.payloadAt(c.offset) ?? top;
      if (!payload) break;
      if (c.kind === 'dict') {
        for (const e of c.entries) {
          const v = e.value;
          // The profile dict's PayloadContent holds payloads of their own, visited as such.
          if (!v || (c === this.top && v === this.content)) continue;
          if (v.kind === 'array') arrayKeys.set(v, { key: e.key, dict: c });
          else visit(v, e.key, c, payload);
        }
      } else {
        const at = arrayKeys.get(c);
        if (!at) continue;
        for (const v of c.items) {
          if (v.kind === 'array') arrayKeys.set(v, at);
          else visit(v, at.key, at.dict, payload);
        }
      }
    }
    return (this.memo.strings = out);
  }

  /** Every certificate reference of the profile (see references.ts for what counts). */
  get certificateReferences(): readonly CertificateReference[] {
    return this.strings.references;
  }

  /** The reference held by this `<string>`, if it is one. */
  referenceAt(node: PlistNode): CertificateReference | undefined {
    return this.certificateReferences.find((r) => r.node === node);
  }

  /** Every clear-text secret of the profile (see secrets.ts for what counts). */
  get secrets(): readonly Secret[] {
    return this.strings.secrets;
  }

  /** True when the node holds a secret: hover, the preview and messages must never show its value. */
  isSecret(node: PlistNode): boolean {
    this.memo.secretNodes ??= new Set(this.secrets.map((s) => s.node));
    return this.memo.secretNodes.has(node);
  }

  /** Every string holding a placeholder (see placeholders.ts). */
  get placeholders(): readonly Placeholder[] {
    return this.strings.placeholders;
  }

  /** True when the node is a string with a placeholder: only the placeholder rule judges it. */
  isPlaceholder(node: PlistNode): boolean {
    this.memo.placeholderNodes ??= new Set(this.placeholders.map((p) => p.node));
    return this.memo.placeholderNodes.has(node);
  }

  // -------------------------------------------------------------------------------------------------------
  // Schema (model/schema.ts is the one resolver)
  // -------------------------------------------------------------------------------------------------------

  /** The payloads the catalog knows, the profile dict first (as `TopLevel`). */
  get knownPayloads(): readonly KnownPayload[] {
    return (this.memo.known ??= knownPayloads(this.top, this.payloads));
  }

  /** True when the profile is evidently for Macs (iOS-only notes are then beside the point). */
  get targetsMac(): boolean {
    return (this.memo.mac ??= targetsMac(this.knownPayloads, this.top));
  }

  private get merge(): OsMerge {
    return (this.memo.merge ??= memoisedOsMerge());
  }

  /** The schema walk of every known payload: values with their key schemas, unknown keys, dicts. */
  get schema(): readonly SchemaPart[] {
    return (this.memo.schema ??= this.knownPayloads.map((payload) => ({ payload, walk: walkPayload(payload, this.merge) })));
  }

  /** The schema container a dict follows, with its place and availability. */
  resolve(dict: DictNode): ResolvedDict {
    this.memo.resolved ??= new Map();
    let hit = this.memo.resolved.get(dict);
    if (!hit) this.memo.resolved.set(dict, (hit = resolveDict(dict, this.knownPayloads, (d) => this.payloadOf(d), this.merge)));
    return hit;
  }

  /** The container a dict follows, or undefined where the schema does not say. */
  containerOf(dict: DictNode): KeyContainer | undefined {
    return this.resolve(dict).container;
  }

  /** Where a dict sits and the keys it takes. */
  dictContext(dict: DictNode): DictContext {
    let payload: Payload | undefined;
    for (let node: PlistNode | undefined = dict; node && !payload; node = node.parent) {
      const p = node.kind === 'dict' ? this.payloadOf(node) : undefined;
      if (p && p.index >= 0) payload = p;
    }
    return {
      scope: payload ? 'payload' : 'top',
      payloadType: payload?.type,
      atPayloadLevel: payload ? payload.dict === dict : dict.parent === undefined,
      container: this.containerOf(dict),
    };
  }

  /** The schema facts of the key `name` in `dict`: the same lookup as the schema walk's. */
  keyFacts(dict: DictNode, name: string): KeyFacts | undefined {
    const r = this.resolve(dict);
    if (!r.container) return undefined;
    const key = getMemberKey(r.container, name) ?? (r.at && getAnywhereKey(r.at.payloadType, name));
    if (!key) return undefined;
    const os = key.os ? this.merge(r.os, key.os) : r.os;
    // No place: a payload of a type the catalog does not know, which has only the common keys.
    if (!r.at) return { key, os, docTitle: 'CommonPayloadKeys', docUrl: getCommonPayloadSchema().docUrl, payloadType: undefined };
    if (r.at.payloadType === TOP_LEVEL_TYPE) return { key, os, docTitle: TOP_LEVEL_TYPE, docUrl: getTopLevelSchema().docUrl, payloadType: undefined };
    return { key, os, docTitle: r.at.payloadType, docUrl: r.schema?.docUrl, payloadType: r.at.payloadType };
  }
}

/** Builds the model of a parse; cheap, since everything is computed when first asked. */
export function buildModel(parse: ParseResult, text: string, settings: ServiceSettings): ProfileModel {
  return new ProfileModel(parse, text, settings);
}
