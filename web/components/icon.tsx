/**
 * Icons by catalogue name (data/catalog.ts names lucide icons). Each is imported on its own so
 * the bundle holds only these; icons are decorative (aria-hidden) — a text label always sits next
 * to them. They are drawn light (`light`): the same SVG as lucide-preact's, without its work per
 * render.
 */
import { h, type ComponentType, type VNode } from 'preact';
import {
  Accessibility, Armchair, Baby, Bed, Bike, BookOpen, BriefcaseMedical, CircleDot, ClipboardList, Cog, Droplet,
  Fuel, GlassWater, Heater, House, HousePlus, MapPin, Microwave, Pill, Scale, ShoppingBasket, ShowerHead,
  SmartphoneCharging, Snowflake, SquareParking, Stethoscope, Store, Tent, Ticket, Toilet, Truck, Umbrella,
  Utensils, WashingMachine, Wifi, Wrench,
  Briefcase, Calendar, Gift, GraduationCap, Handshake, TriangleAlert,
} from 'lucide-preact';

/** What the app passes to an icon. */
export interface IconProps {
  size?: number;
  'aria-hidden'?: boolean | 'true';
  class?: string;
}
type IconComponent = ComponentType<IconProps>;

/** An icon's drawing as lucide keeps it: its name and its elements. */
export interface IconData {
  name: string;
  node: [string, Record<string, string | number>][];
}

/**
 * The drawing of a lucide-preact icon: the icon component is a plain function (no hooks) that
 * hands lucide's `Icon` the drawing as its `icon` prop (a unit test holds this).
 */
export function iconData(C: IconComponent): IconData {
  return ((C as (p: object) => VNode<{ icon: IconData }>)({})).props.icon;
}

const SVG_ATTRIBUTES = {
  xmlns: 'http://www.w3.org/2000/svg', viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor',
  'stroke-width': 2, 'stroke-linecap': 'round', 'stroke-linejoin': 'round',
} as const;

/**
 * A lucide icon drawn light: the SVG lucide-preact draws (attributes, `lucide lucide-<name>`
 * classes, elements), made by one small function whose elements are made once. lucide-preact's own
 * icon reads its context, merges classes and builds its attributes on every render — the ~130
 * icons of the first screen (each row's type, amenities, hours, notices) were about a tenth of the
 * first list's render on a slow phone.
 */
export function light(C: IconComponent): (props: IconProps) => VNode {
  let drawing: { className: string; elements: VNode[] } | undefined;
  // hidden from screen readers unless told otherwise, as lucide-preact does without an aria prop
  return function LightIcon({ size = 24, class: cls, 'aria-hidden': hidden = 'true' }: IconProps): VNode {
    if (!drawing) {
      const d = iconData(C);
      drawing = { className: `lucide lucide-${d.name}`, elements: d.node.map(([tag, attrs]) => h(tag, attrs)) };
    }
    return <svg {...SVG_ATTRIBUTES} width={size} height={size} class={cls ? `${drawing.className} ${cls}` : drawing.className} aria-hidden={hidden}>{drawing.elements}</svg>;
  };
}

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

const LIGHT = new Map<string, (props: IconProps) => VNode>();

/** A catalogue icon by name (falls back to a pin), hidden from screen readers. */
export function CatalogIcon({ name, size = 20 }: { name: string; size?: number }) {
  const key = Object.prototype.hasOwnProperty.call(BY_NAME, name) ? name : 'map-pin'; // (not Object.hasOwn: es2020 phones)
  let C = LIGHT.get(key);
  if (!C) LIGHT.set(key, (C = light(BY_NAME[key])));
  return <C size={size} aria-hidden="true" class="icon" />;
}
