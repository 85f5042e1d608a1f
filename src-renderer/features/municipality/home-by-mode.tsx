/**
 * The home route for every kind of installation: a school's home
 * (features/home), or for a municipality or the state the semester's
 * packages by school.
 */
import type { RouteProps } from '../../paths';
import { useSession } from '../../ui/session';
import HomeScreen from '../home/home-screen';
import { MunicipalityHome } from './muni-home';

export default function HomeByMode(props: RouteProps) {
  const session = useSession();
  return session.organisation.mode === 'school' ? <HomeScreen {...props} /> : <MunicipalityHome />;
}
