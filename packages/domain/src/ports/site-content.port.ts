import type { ResultAsync } from 'neverthrow';
import type { DiscoveryPage, HomeContent, ShareImage, ShareSettings } from '../model/site-content.model.ts';
import type { InfrastructureError } from './infrastructure.error.ts';

/**
 * The edited site content (docs/api.md#site-content). Reads answer `null` for a document never saved; the `lock…`
 * methods, inside a transaction, store the given defaults first when nothing is stored, so that two first-time
 * savers queue on the same row lock, and answer the current document.
 */
export interface SiteContentRepository {
  getHome(): ResultAsync<HomeContent | null, InfrastructureError>;
  lockHome(defaults: HomeContent): ResultAsync<HomeContent, InfrastructureError>;
  saveHome(content: HomeContent): ResultAsync<HomeContent, InfrastructureError>;
  /** the page with its pins */
  getDiscoveryPage(slug: string): ResultAsync<DiscoveryPage | null, InfrastructureError>;
  lockDiscoveryPage(defaults: DiscoveryPage): ResultAsync<DiscoveryPage, InfrastructureError>;
  /** stores the page fields and replaces its pins; answers the page with the pins' new ids */
  saveDiscoveryPage(page: DiscoveryPage): ResultAsync<DiscoveryPage, InfrastructureError>;
  getShareSettings(): ResultAsync<ShareSettings | null, InfrastructureError>;
  lockShareSettings(defaults: ShareSettings): ResultAsync<ShareSettings, InfrastructureError>;
  saveShareSettings(settings: ShareSettings): ResultAsync<ShareSettings, InfrastructureError>;
  getShareImage(): ResultAsync<ShareImage | null, InfrastructureError>;
  saveShareImage(image: ShareImage): ResultAsync<ShareImage, InfrastructureError>;
}
