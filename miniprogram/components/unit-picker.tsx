import { View } from '@tarojs/components';
import { useState } from 'react';
import { call } from '../api/call';
import { useLoad } from '../hooks/use-call';
import { OptionField } from './option-field';

/**
 * Community → grid → unit, each list loaded once its parent is chosen. With `communityId` given (a
 * member's own community) the first step is skipped.
 */
export function UnitPicker(props: {
  communityId?: string;
  value: string;
  onChange: (unitId: string) => void;
  error?: string;
  unitLabel?: string;
}) {
  const [chosenCommunity, setCommunity] = useState('');
  const [gridId, setGridId] = useState('');
  const communityId = props.communityId ?? chosenCommunity;
  const places = useLoad(
    () => call('org', 'places', { ...(communityId ? { communityId } : {}), ...(gridId ? { gridId } : {}) }),
    [communityId, gridId],
  );
  const options = places.data ?? { communities: [], grids: [], units: [], departments: [] };
  return (
    <View>
      {props.communityId === undefined ? (
        <OptionField
          label="所在社区"
          placeholder="请选择"
          options={options.communities}
          value={chosenCommunity}
          onChange={(id) => (setCommunity(id), setGridId(''), props.onChange(''))}
          testid="pick-community"
        />
      ) : null}
      <OptionField
        label="所在网格"
        placeholder={communityId ? '请选择' : '请先选择社区'}
        options={options.grids}
        value={gridId}
        onChange={(id) => (setGridId(id), props.onChange(''))}
        testid="pick-grid"
      />
      <OptionField
        label={props.unitLabel ?? '所在单元'}
        placeholder={gridId ? '请选择' : '请先选择网格'}
        options={options.units}
        value={props.value}
        onChange={props.onChange}
        error={props.error}
        testid="pick-unit"
      />
    </View>
  );
}
