/**
 * The first screen's icons (top bar, sheet, filters, list rows, offers entry, network status),
 * drawn light (icon.tsx): lucide's drawings without lucide-preact's work per render.
 */
import {
  ArrowLeft as LucideArrowLeft, BadgePercent as LucideBadgePercent, ChevronDown as LucideChevronDown,
  ChevronRight as LucideChevronRight, ChevronUp as LucideChevronUp, CircleAlert as LucideCircleAlert,
  Clock as LucideClock, CloudOff as LucideCloudOff, Download as LucideDownload, MapPin as LucideMapPin,
  Route as LucideRoute, Search as LucideSearch, Send as LucideSend, Settings as LucideSettings,
  SlidersHorizontal as LucideSlidersHorizontal, Tag as LucideTag, TriangleAlert as LucideTriangleAlert, X as LucideX,
} from 'lucide-preact';
import { light } from './icon';

export const ArrowLeft = light(LucideArrowLeft);
export const BadgePercent = light(LucideBadgePercent);
export const ChevronDown = light(LucideChevronDown);
export const ChevronRight = light(LucideChevronRight);
export const ChevronUp = light(LucideChevronUp);
export const CircleAlert = light(LucideCircleAlert);
export const Clock = light(LucideClock);
export const CloudOff = light(LucideCloudOff);
export const Download = light(LucideDownload);
export const MapPin = light(LucideMapPin);
export const Route = light(LucideRoute);
export const Search = light(LucideSearch);
export const Send = light(LucideSend);
export const Settings = light(LucideSettings);
export const SlidersHorizontal = light(LucideSlidersHorizontal);
export const Tag = light(LucideTag);
export const TriangleAlert = light(LucideTriangleAlert);
export const X = light(LucideX);
