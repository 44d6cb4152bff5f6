/**
 * Icons by catalogue name (data/catalog.ts names lucide icons). Each is imported on its own so
 * the bundle holds only these; icons are decorative (aria-hidden) — a text label always sits next
 * to them.
 */
import type { ComponentType } from 'preact';
import {
  Accessibility, Armchair, Baby, Bed, Bike, BookOpen, BriefcaseMedical, CircleDot, ClipboardList, Cog, Droplet,
  Fuel, GlassWater, Heater, House, HousePlus, MapPin, Microwave, Pill, Scale, ShoppingBasket, ShowerHead,
  SmartphoneCharging, Snowflake, SquareParking, Stethoscope, Store, Tent, Ticket, Toilet, Truck, Umbrella,
  Utensils, WashingMachine, Wifi, Wrench,
  Briefcase, Calendar, Gift, GraduationCap, Handshake, TriangleAlert,
} from 'lucide-preact';

type IconComponent = ComponentType<{ size?: number; 'aria-hidden'?: boolean | 'true'; class?: string }>;

const BY_NAME: Record<string, IconComponent> = {
  accessibility: Accessibility, armchair: Armchair, baby: Baby, bed: Bed, bike: Bike, 'book-open': BookOpen,
  'briefcase-medical': BriefcaseMedical, 'circle-dot': CircleDot, 'clipboard-list': ClipboardList, cog: Cog,
  droplet: Droplet, fuel: Fuel, 'glass-water': GlassWater, heater: Heater, house: House, 'house-plus': HousePlus,
  'map-pin': MapPin, microwave: Microwave, pill: Pill, scale: Scale, 'shopping-basket': ShoppingBasket,
  'shower-head': ShowerHead, 'smartphone-charging': SmartphoneCharging, snowflake: Snowflake,
  'square-parking': SquareParking, stethoscope: Stethoscope, store: Store, tent: Tent, ticket: Ticket,
  toilet: Toilet, truck: Truck, umbrella: Umbrella, utensils: Utensils, 'washing-machine': WashingMachine,
  wifi: Wifi, wrench: Wrench,
  // station services (notice kinds, newer station types)
  briefcase: Briefcase, calendar: Calendar, gift: Gift, 'graduation-cap': GraduationCap, handshake: Handshake,
  'triangle-alert': TriangleAlert,
};

/** A catalogue icon by name (falls back to a pin), hidden from screen readers. */
export function CatalogIcon({ name, size = 20 }: { name: string; size?: number }) {
  const C = BY_NAME[name] ?? MapPin;
  return <C size={size} aria-hidden="true" class="icon" />;
}
