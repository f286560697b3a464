import { ApiProperty } from '@nestjs/swagger';
import { NETWORK_LIMITS } from '../connectors/network-registry';
import { NETWORK_IDS, type NetworkId } from '../connectors/network-limits';

/** The crops the editor offers, width / height. */
export const ASPECTS = {
  '1:1': 1,
  '4:5': 4 / 5,
  '1.91:1': 1.91,
  '9:16': 9 / 16,
  '16:9': 16 / 9,
  '2:3': 2 / 3,
} as const;
export type Aspect = keyof typeof ASPECTS;

export class AspectDto {
  @ApiProperty({ enum: Object.keys(ASPECTS) }) aspect: Aspect;
  @ApiProperty({ description: 'width / height' }) ratio: number;
}

export class NetworkAspectsDto {
  @ApiProperty({ enum: NETWORK_IDS }) network: NetworkId;
  @ApiProperty() label: string;
  @ApiProperty({ description: 'Narrowest image the network takes, width / height' }) min: number;
  @ApiProperty({ description: 'Widest image the network takes, width / height' }) max: number;
  @ApiProperty({ enum: Object.keys(ASPECTS), isArray: true, description: 'The crops that fit, narrowest first' })
  aspects: Aspect[];
}

export class AspectRatiosDto {
  @ApiProperty({ type: [AspectDto] }) aspects: AspectDto[];
  @ApiProperty({
    type: [NetworkAspectsDto],
    description: 'Networks whose image rule limits the ratio; the others take any of the crops',
  })
  networks: NetworkAspectsDto[];
}

const byRatio = (Object.keys(ASPECTS) as Aspect[]).sort((a, b) => ASPECTS[a] - ASPECTS[b]);

/** Read from each network's image rule (connectors' limits as data), so a new rule shows here by itself. */
export function aspectRatios(): AspectRatiosDto {
  const networks = Object.values(NETWORK_LIMITS).flatMap((limits) => {
    const range = limits.media.image?.aspectRatio;
    if (!range) return [];
    const aspects = byRatio.filter((a) => ASPECTS[a] >= range.min - 1e-9 && ASPECTS[a] <= range.max + 1e-9);
    return [{ network: limits.network, label: limits.label, min: range.min, max: range.max, aspects }];
  });
  return { aspects: byRatio.map((aspect) => ({ aspect, ratio: ASPECTS[aspect] })), networks };
}
