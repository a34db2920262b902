import { Switch, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { call, type CallError } from '../../../api/call';
import { useRequestId } from '../../../api/request-id';
import { TextField, useFieldErrors } from '../../../components/form';
import { useDevLoginGuard } from '../../../hooks/use-me';
import { Page } from '../../../components/page';
import { limits } from '../../../components/limits';

/** The station puts an item on the shelf, or changes its price, stock, limit, or takes it off. */
export default function ItemEdit() {
  const requestId = useRequestId();
  useDevLoginGuard('pages/points/item-edit/index');
  const p = useRouter().params;
  const [name, setName] = useState(decodeURIComponent(p.name ?? ''));
  const [description, setDescription] = useState(decodeURIComponent(p.description ?? ''));
  const [price, setPrice] = useState(p.price ?? '');
  const [stock, setStock] = useState(p.stock ?? '');
  const [limit, setLimit] = useState(p.limit ?? '1');
  const [active, setActive] = useState(p.active !== '0');
  const { errors, setErrors, edit } = useFieldErrors();
  const save = async () => {
    try {
      await call('points', 'saveItem', {
        requestId,
        ...(p.id ? { itemId: p.id } : {}),
        name,
        description,
        price: Number(price),
        stock: Number(stock),
        perMemberLimit: Number(limit),
        active,
      });
      void Taro.showToast({ title: '已保存', icon: 'none' });
      void Taro.navigateBack();
    } catch (e) {
      setErrors((e as CallError).fields);
      void Taro.showToast({ title: (e as Error).message, icon: 'none' });
    }
  };
  return (
    <Page title="商品">
      <View className="form">
        <TextField
          label="商品名称"
          name="name"
          limit={limits.itemName}
          value={name}
          onInput={edit('name', setName)}
          error={errors.name}
        />
        <TextField
          label="说明"
          name="description"
          limit={limits.itemDescription}
          value={description}
          onInput={edit('description', setDescription)}
          error={errors.description}
        />
        <TextField
          label="所需积分"
          name="price"
          type="number"
          value={price}
          onInput={edit('price', setPrice)}
          error={errors.price}
          maxlength={6}
        />
        <TextField
          label="库存"
          name="stock"
          type="number"
          value={stock}
          onInput={edit('stock', setStock)}
          error={errors.stock}
          maxlength={6}
        />
        <TextField
          label="每人限兑"
          name="limit"
          type="number"
          value={limit}
          onInput={edit('perMemberLimit', setLimit)}
          error={errors.perMemberLimit}
          maxlength={3}
        />
        <View className="field row">
          <View className="field-label">上架</View>
          <Switch
            checked={active}
            color="#c8161d"
            nativeProps={{ 'aria-label': '上架' }}
            onChange={(e) => setActive(e.detail.value)}
          />
        </View>
      </View>
      <View className="submit">
        <Button type="primary" block onClick={() => void save()}>
          保存
        </Button>
      </View>
    </Page>
  );
}
