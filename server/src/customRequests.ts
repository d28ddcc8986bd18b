/**
 * Custom LSP requests the client uses for its own features (preview, export, new-profile wizard, signed
 * profiles). Kept apart from server.ts so the LSP wiring stays short; each handler asks the pure service.
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import { ContentInfo, id_signedData, SignedData } from '@peculiar/asn1-cms';
import * as asn1js from 'asn1js';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService, ParsedDocument, ServiceSettings } from './service';
import { buildExport, ExportOutcome, exportFileName } from './service/features/exportProfile';
import { buildNewProfile, NewProfileOptions } from './service/features/newProfile';
import { readSignedProfile, SignedContent } from './service/features/signed';
import { ProfileSummary, summarizeProfile } from './service/features/summary';
import {
  ExportProfileParams, ExportProfileRequest, LANGUAGE_ID, NewProfileRequest, NewProfileResult, ProfileSummaryParams,
  ProfileSummaryRequest, SignedContentParams, SignedContentRequest, SignedContentResult,
} from './protocol';
import { WorkspaceProfiles } from './workspaceProfiles';
import { newUuid } from './service/edits';

export interface RequestContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  service: LanguageService;
  /** The cached parse of a document at its current version. */
  parsed(document: TextDocument, settings?: ServiceSettings): ParsedDocument;
  settingsFor(document: TextDocument): Promise<ServiceSettings>;
  /** The live index of the workspace's profile names (created at initialize). */
  workspaceProfiles(): WorkspaceProfiles;
}

/** The bytes of every primitive piece of a (possibly constructed, BER) OCTET STRING, in order. */
function octets(block: asn1js.AsnType): Uint8Array[] {
  if (!(block instanceof asn1js.OctetString)) throw new Error('eContent is not an OCTET STRING');
  if (!block.idBlock.isConstructed) return [block.valueBlock.valueHexView];
  return (block.valueBlock.value as asn1js.AsnType[]).flatMap(octets);
}

/**
 * Reads a CMS ContentInfo holding SignedData with @peculiar/asn1-cms and returns the encapsulated content.
 * OpenSSL's `-stream` output carries the content as a constructed OCTET STRING, which is reassembled here.
 * Signatures are not verified: the profile is only shown and exported unsigned.
 */
export function readCms(bytes: Uint8Array): SignedContent {
  const info = AsnConvert.parse(bytes, ContentInfo);
  if (info.contentType !== id_signedData) throw new Error(`content type ${info.contentType} is not SignedData`);
  const signed = AsnConvert.parse(info.content, SignedData);
  const e = signed.encapContentInfo.eContent;
  let content = new Uint8Array(0);
  if (e?.single) content = new Uint8Array(e.single.buffer);
  else if (e?.any) {
    const parsed = asn1js.fromBER(e.any);
    if (parsed.offset === -1) throw new Error(parsed.result.error || 'eContent is not valid BER');
    const pieces = octets(parsed.result);
    content = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of pieces) { content.set(p, at); at += p.length; }
  }
  return { content, signerCount: signed.signerInfos.length, certificateCount: signed.certificates?.length ?? 0 };
}

export function registerCustomRequests(ctx: RequestContext): void {
  const { connection, documents, service } = ctx;

  /** The open document, or a throw-away one over `text` (never cached: it has no version of its own). */
  const documentFor = (uri: string, text: string | undefined) =>
    text !== undefined ? TextDocument.create(uri, LANGUAGE_ID, 0, text) : documents.get(uri);
  const parse = (document: TextDocument, s: ServiceSettings, adHoc: boolean) =>
    (adHoc ? service.parseDocument(document, s) : ctx.parsed(document, s));

  connection.onRequest(ProfileSummaryRequest, async (params: ProfileSummaryParams): Promise<ProfileSummary | null> => {
    const document = documentFor(params.uri, params.text);
    if (!document) return null;
    const s = await ctx.settingsFor(document);
    const parsed = parse(document, s, params.text !== undefined);
    return summarizeProfile(document, parsed.model, service.validate(parsed, s));
  });

  connection.onRequest(ExportProfileRequest, async (params: ExportProfileParams): Promise<ExportOutcome> => {
    const document = documentFor(params.uri, params.text);
    if (!document) return { ok: false, reason: 'not-a-profile', errors: [] };
    const base = await ctx.settingsFor(document);
    // Export always validates as the portal will, whatever the workspace's mode; earlier exports in an
    // `export/` folder carry the same name by design and must not count as a clash.
    const portal = base.mode === 'portal' ? base : { ...base, ...(await ctx.workspaceProfiles().forDocument(document.uri, documents.all())) };
    const s: ServiceSettings = { ...portal, mode: 'portal' };
    const parsed = parse(document, s, params.text !== undefined);
    const fallback = decodeURIComponent(params.uri.split('/').pop() ?? 'profile');
    return buildExport(parsed.model, service.validate(parsed, s), fallback, params.wasSigned === true);
  });

  connection.onRequest(NewProfileRequest, (params: NewProfileOptions): NewProfileResult => ({
    text: buildNewProfile(params, newUuid),
    // The export's own file-name rule, so the saved profile and its later export carry the same name.
    fileName: exportFileName(params.name, 'profile'),
  }));

  connection.onRequest<SignedContentResult, void>(SignedContentRequest, (params: SignedContentParams): SignedContentResult =>
    readSignedProfile(new Uint8Array(Buffer.from(params.base64, 'base64')), readCms));
}
