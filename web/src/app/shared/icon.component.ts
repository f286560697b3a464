import { ChangeDetectionStrategy, Component, effect, ElementRef, inject, input } from '@angular/core';
import {
  ArrowLeft,
  AtSign,
  BadgeCheck,
  Bell,
  Calendar,
  ChartColumn,
  Check,
  ChevronDown,
  CircleAlert,
  ExternalLink,
  FileText,
  FlaskConical,
  Hash,
  House,
  Image,
  Info,
  KeyRound,
  LayoutTemplate,
  ListClock,
  Lock,
  Mail,
  Minus,
  Play,
  Plus,
  Repeat,
  Settings,
  Sparkles,
  ShieldCheck,
  SquareKanban,
  SquarePen,
  Store,
  Trash,
  TriangleAlert,
  Upload,
  ArrowDownUp,
  Users,
  Workflow,
  X,
  Copy,
  Crop,
  Film,
  Folder,
  RotateCcw,
  RotateCw,
  Star,
  Heart,
  MessageCircle,
  Repeat2,
  Share,
  Send,
  Bookmark,
  ThumbsUp,
  Globe,
  Ellipsis,
  ArrowUp,
  ArrowDown,
  ChartNoAxesColumn,
  Zap,
  createElement,
} from 'lucide';

/**
 * The app's icons, by the name templates use. The shapes come from Lucide (ISC licence): only the
 * icons named here are bundled. Add a row to use a new one.
 */
export const ICONS = {
  'arrow-left': ArrowLeft,
  'at-sign': AtSign,
  'badge-check': BadgeCheck,
  bell: Bell,
  calendar: Calendar,
  chart: ChartColumn,
  check: Check,
  'chevron-down': ChevronDown,
  'circle-alert': CircleAlert,
  'external-link': ExternalLink,
  'file-text': FileText,
  flask: FlaskConical,
  hash: Hash,
  home: House,
  image: Image,
  import: ArrowDownUp,
  info: Info,
  key: KeyRound,
  'list-clock': ListClock,
  lock: Lock,
  mail: Mail,
  minus: Minus,
  pen: SquarePen,
  play: Play,
  plus: Plus,
  repeat: Repeat,
  settings: Settings,
  sparkles: Sparkles,
  shield: ShieldCheck,
  kanban: SquareKanban,
  store: Store,
  template: LayoutTemplate,
  trash: Trash,
  warning: TriangleAlert,
  upload: Upload,
  users: Users,
  workflow: Workflow,
  x: X,
  copy: Copy,
  crop: Crop,
  film: Film,
  folder: Folder,
  'rotate-left': RotateCcw,
  'rotate-right': RotateCw,
  star: Star,
  heart: Heart,
  comment: MessageCircle,
  repost: Repeat2,
  share: Share,
  send: Send,
  bookmark: Bookmark,
  like: ThumbsUp,
  globe: Globe,
  more: Ellipsis,
  'arrow-up': ArrowUp,
  'arrow-down': ArrowDown,
  views: ChartNoAxesColumn,
  now: Zap,
} as const;

export type IconName = keyof typeof ICONS;

/**
 * An inline SVG icon drawn in the text colour. Decorative unless `label` is given: then it is an
 * image with that name (for an icon that stands alone, without words beside it).
 */
@Component({
  selector: 'so-icon',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '',
  host: {
    '[attr.role]': "label() ? 'img' : null",
    '[attr.aria-label]': 'label()',
    '[attr.aria-hidden]': "label() ? null : 'true'",
    '[attr.data-icon]': 'name()',
  },
})
export class IconComponent {
  readonly name = input.required<IconName>();
  readonly label = input<string | null>(null);
  /** Pixels; 1em would follow the font, but a fixed size keeps rows of icons aligned. */
  readonly size = input(16);

  constructor() {
    const host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
    effect(() => {
      const size = this.size();
      host.replaceChildren(
        createElement(ICONS[this.name()], { width: size, height: size, focusable: 'false', 'aria-hidden': 'true' }),
      );
    });
  }
}
