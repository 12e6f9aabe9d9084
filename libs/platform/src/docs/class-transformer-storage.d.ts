// class-transformer keeps the targets of `@Type` in this storage and ships its typings apart from it.
declare module 'class-transformer/cjs/storage' {
  export const defaultMetadataStorage: import('class-transformer/types/MetadataStorage').MetadataStorage;
}
