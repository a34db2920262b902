import Taro, { useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import { Loading } from '../../../components/states';

/**
 * The path printed community codes open (its first name, kept as a public path like the function names):
 * it forwards the scanned token to the 报到 (enrolment) page.
 */
export default function EnrolAlias() {
  const scene = useRouter().params.scene ?? '';
  useEffect(() => {
    void Taro.redirectTo({ url: `/pages/checkin/enrol/index?scene=${encodeURIComponent(decodeURIComponent(scene))}` });
  }, [scene]);
  return <Loading />;
}
