import { Field, ObjectType } from 'type-graphql';
import { Department } from '../access/roles';
import { AssistanceCategory } from './categories';

@ObjectType()
export class CategorySuggestion {
  @Field(() => AssistanceCategory) category: AssistanceCategory;
  @Field(() => Department) department: Department;
  @Field() reason: string;
}
