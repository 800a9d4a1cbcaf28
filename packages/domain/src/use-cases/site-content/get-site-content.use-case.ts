// Public reads of the edited site content (T1-11, T1-12, T1-14 and the share image): what was saved, or the
// documented default while nothing was.
import { ok, type ResultAsync } from 'neverthrow';
import {
  DEFAULT_HOME_CONTENT,
  defaultDiscoveryPage,
  defaultShareSettings,
  type DiscoveryPage,
  type HomeContent,
  type ShareImage,
  type ShareSettings,
} from '../../model/site-content.model.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { UseCaseDeps } from '../deps.ts';

export type GetHomeContent = () => ResultAsync<HomeContent, InfrastructureError>;
export type GetDiscoveryPage = (input: { readonly slug: string }) => ResultAsync<DiscoveryPage, InfrastructureError>;
export type GetShareSettings = () => ResultAsync<ShareSettings, InfrastructureError>;
/** `null` while no image was uploaded */
export type GetShareImage = () => ResultAsync<ShareImage | null, InfrastructureError>;

/** SHARE_SITE_NAME's own default (docs/configuration.md). */
export const DEFAULT_SHARE_SITE_NAME = 'SocialPredict';

export function shareDefaults(deps: Pick<UseCaseDeps, 'shareSiteName'>): ShareSettings {
  return defaultShareSettings(deps.shareSiteName ?? DEFAULT_SHARE_SITE_NAME);
}

export function makeGetHomeContent(deps: Pick<UseCaseDeps, 'siteContent'>): GetHomeContent {
  return () => deps.siteContent.getHome().andThen((stored) => ok(stored ?? DEFAULT_HOME_CONTENT));
}

export function makeGetDiscoveryPage(deps: Pick<UseCaseDeps, 'siteContent'>): GetDiscoveryPage {
  return ({ slug }) => deps.siteContent.getDiscoveryPage(slug).andThen((stored) => ok(stored ?? defaultDiscoveryPage(slug)));
}

export function makeGetShareSettings(deps: Pick<UseCaseDeps, 'siteContent' | 'shareSiteName'>): GetShareSettings {
  return () => deps.siteContent.getShareSettings().andThen((stored) => ok(stored ?? shareDefaults(deps)));
}

export function makeGetShareImage(deps: Pick<UseCaseDeps, 'siteContent'>): GetShareImage {
  return () => deps.siteContent.getShareImage();
}
