import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A resident. Federation entity. idNumber and phone are resolved per caller (masking, access log). */
@Directive('@key(fields: "id")')
@ObjectType('Person')
export class PersonType {
  @Field(() => ID) id: string;
  @Field() name: string;
}
