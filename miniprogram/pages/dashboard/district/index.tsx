import { Dashboard } from '../../../components/dashboard';
import { useDevLoginGuard } from '../../../hooks/use-me';

/** The district's dashboard: its communities side by side, each opened on a tap. */
export default function DistrictDashboard() {
  useDevLoginGuard('pages/dashboard/district/index');
  return <Dashboard district />;
}
