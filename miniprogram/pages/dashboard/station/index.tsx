import { Dashboard } from '../../../components/dashboard';
import { useDevLoginGuard } from '../../../hooks/use-me';

/** The station's dashboard: its community's figures, each opening the list behind it. */
export default function StationDashboard() {
  useDevLoginGuard('pages/dashboard/station/index');
  return <Dashboard />;
}
