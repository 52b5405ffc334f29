export { BackupCard } from './BackupCard';
export { SetupRestore } from './SetupRestore';
